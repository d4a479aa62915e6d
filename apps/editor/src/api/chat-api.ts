import { request } from './request.ts'

/** A chat app's conversation as `GET /api/flows/:id/conversations` lists it. */
export interface ChatConversation {
  conversationId: string
  firstQuestion: string
  turns: number
  thumbsUp: number
  thumbsDown: number
  startedAt: number
  lastAt: number
}

export interface ChatTurn {
  id: string
  question: string
  answer: string
  citations: { text: string; document: string; score?: number; chunkId?: string }[]
  runId: string | null
  rating: number | null
  createdAt: number
}

const e = encodeURIComponent
export const listConversations = (flowId: string) =>
  request<{ items: ChatConversation[] }>('GET', `/api/flows/${e(flowId)}/conversations?limit=200`)
export const listChatTurns = (flowId: string, conversationId: string) =>
  request<{ items: ChatTurn[] }>('GET', `/api/flows/${e(flowId)}/conversations/${e(conversationId)}`)

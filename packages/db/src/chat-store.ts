import type { chatTurns } from './schema/sqlite/index.ts'
import type { Access } from './store.ts'

export type { ChatCitation } from './schema/sqlite/chat.ts'
/** One question and its answer. */
export type ChatTurn = typeof chatTurns.$inferSelect
export type NewChatTurn = Omit<ChatTurn, 'rating'>
/** A conversation as the owner's list shows it. */
export interface ChatConversation {
  conversationId: string
  /** The first question asked. */
  firstQuestion: string
  turns: number
  thumbsUp: number
  thumbsDown: number
  startedAt: number
  lastAt: number
}

/**
 * Chat apps' conversations. The public chat route writes and reads them unscoped, the conversation id (random,
 * known only to the visitor who holds it) being the capability; the flow's owner lists them scoped.
 */
export interface ChatStore {
  addChatTurn(turn: NewChatTurn): Promise<void>
  /** The last `limit` turns of a conversation, oldest first. Unscoped. */
  recentChatTurns(flowId: string, conversationId: string, limit: number): Promise<ChatTurn[]>
  /** A reader's thumbs on one answer (null takes it back); false when the turn is not in that conversation. Unscoped. */
  rateChatTurn(
    flowId: string,
    conversationId: string,
    turnId: string,
    rating: 1 | -1 | null,
  ): Promise<boolean>
  /** The flow's conversations, most recent first; undefined when the flow is not accessible. */
  listChatConversations(
    access: Access,
    flowId: string,
    query: { limit: number; offset: number },
  ): Promise<ChatConversation[] | undefined>
  /** Every turn of one conversation, oldest first; undefined when the flow is not accessible. */
  listChatTurns(access: Access, flowId: string, conversationId: string): Promise<ChatTurn[] | undefined>
}

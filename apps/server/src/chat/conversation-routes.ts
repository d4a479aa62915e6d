import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json, PageQuery } from '../http/openapi-helpers.ts'

const tags = ['chat']

const Conversation = z.object({
  conversationId: z.string(),
  firstQuestion: z.string(),
  turns: z.number().int(),
  thumbsUp: z.number().int(),
  thumbsDown: z.number().int(),
  startedAt: z.number().int(),
  lastAt: z.number().int(),
})
const Turn = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  citations: z.array(
    z.object({
      text: z.string(),
      document: z.string(),
      score: z.number().optional(),
      chunkId: z.string().optional(),
    }),
  ),
  runId: z.string().nullable(),
  rating: z.number().int().nullable().openapi({ description: '1 thumbs up, -1 down, null none' }),
  createdAt: z.number().int(),
})

const listConversations = createRoute({
  method: 'get',
  path: '/flows/{id}/conversations',
  tags,
  summary: "A chat app's conversations, most recent first, with their thumbs up and down",
  middleware: [requireRole('editor')] as const,
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: json(z.object({ items: z.array(Conversation) }), 'The conversations'),
    ...errors(401, 403, 404),
  },
})

const listTurns = createRoute({
  method: 'get',
  path: '/flows/{id}/conversations/{conversationId}',
  tags,
  summary: "One conversation's questions and answers, oldest first",
  middleware: [requireRole('editor')] as const,
  request: { params: IdParam.extend({ conversationId: z.string().max(100) }) },
  responses: { 200: json(z.object({ items: z.array(Turn) }), 'The turns'), ...errors(401, 403, 404) },
})

/** The owner's view of a chat app's conversations (signed in; only flows the caller may read). */
export function createConversationRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listConversations, async (c) => {
      const { id } = c.req.valid('param')
      const { limit = 50, offset = 0 } = c.req.valid('query')
      const items = await deps.store.listChatConversations(c.get('access'), id, { limit, offset })
      if (!items) throw ApiError.notFound('Flow', id)
      return c.json({ items }, 200)
    })
    .openapi(listTurns, async (c) => {
      const { id, conversationId } = c.req.valid('param')
      const turns = await deps.store.listChatTurns(c.get('access'), id, conversationId)
      if (!turns) throw ApiError.notFound('Flow', id)
      const items = turns.map(({ flowId, conversationId, ...turn }) => turn)
      return c.json({ items }, 200)
    })
}

import { randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import type { RunEvent } from '@zhiliu/engine'
import type { ChatHistory } from '@zhiliu/nodes'
import { streamSSE } from 'hono/streaming'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { clientAddress } from '../http/incoming.ts'
import { errors, json, jsonBody, PUBLIC } from '../http/openapi-helpers.ts'
import { createChatAnswer } from './chat-answer.ts'
import { type ChatApp, createChatApps, publicSettings } from './chat-app.ts'
import { checkAccessCode, createChatLimits } from './chat-limits.ts'

const Slug = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$|^[0-9a-f-]{36}$/) })
/** Made by the server on a conversation's first question; the visitor keeps it and sends it with the next. */
const ConversationId = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/)

const Question = z.object({
  message: z.string().trim().min(1).max(4000),
  conversationId: ConversationId.optional(),
  accessCode: z.string().max(100).optional(),
})
const Feedback = z.object({
  conversationId: ConversationId,
  turnId: z.string().max(100),
  rating: z.enum(['up', 'down']).nullable(),
})
const PublicSettings = z.object({
  title: z.string(),
  opening: z.string(),
  suggestions: z.array(z.string()),
  accessCode: z.boolean().openapi({ description: 'Whether questions need the access code' }),
})

const ASK_DESCRIPTION = `Asks the chat app (a published flow starting with a Chat trigger) one question. The answer is a
stream of Server-Sent Events: \`start\` \`{conversationId}\`, then \`delta\` \`{nodeId, text}\` pieces as the model writes
(a new \`nodeId\` starts the text over), then \`done\` \`{conversationId, turnId, answer, citations: [{text, document,
score?, chunkId?}]}\` — or \`error\` \`{code, message}\` when the flow failed. Send the \`conversationId\` back with the next
question: the conversation's last turns reach the flow as \`trigger.history\`. Refusals before the stream are JSON:
404 (no such published app), 401 \`CHAT_ACCESS_CODE\`, 429 \`CHAT_RATE_LIMITED\` (per visitor and minute).`

const settingsRoute = createRoute({
  method: 'get',
  path: '/chat/{slug}',
  tags: ['chat'],
  summary: "A chat app's public settings: title, opening message, suggested questions",
  security: PUBLIC,
  request: { params: Slug },
  responses: { 200: json(PublicSettings, 'The settings'), ...errors(404) },
})

const askRoute = createRoute({
  method: 'post',
  path: '/chat/{slug}',
  tags: ['chat'],
  summary: 'Ask a chat app a question (answered as Server-Sent Events)',
  description: ASK_DESCRIPTION,
  security: PUBLIC,
  request: { params: Slug, body: jsonBody(Question) },
  responses: {
    200: { description: 'text/event-stream: `start`, `delta`…, then `done` or `error`' },
    ...errors(400, 401, 404, 429),
  },
})

const feedbackRoute = createRoute({
  method: 'post',
  path: '/chat/{slug}/feedback',
  tags: ['chat'],
  summary: 'A thumbs up or down on one answer (null takes it back)',
  security: PUBLIC,
  request: { params: Slug, body: jsonBody(Feedback) },
  responses: { 204: { description: 'Recorded' }, ...errors(400, 404) },
})

/** The public chat API under `/api/chat`: no session; the app's access code and per-visitor limits instead. */
export function createChatRoutes(deps: AppDeps) {
  const resolve = createChatApps({
    store: deps.store,
    registry: deps.registry,
    documents: deps.runs.documents,
  })
  const limits = createChatLimits(deps.cluster?.redis)

  const historyOf = async (app: ChatApp, conversationId: string): Promise<ChatHistory> => {
    const turns = await deps.store.recentChatTurns(app.flow.id, conversationId, app.settings.historyTurns)
    return turns.flatMap((turn) => [
      { role: 'user' as const, content: turn.question },
      { role: 'assistant' as const, content: turn.answer },
    ])
  }

  return createRouter()
    .openapi(settingsRoute, async (c) =>
      c.json(publicSettings(await resolve(c.req.valid('param').slug)), 200),
    )
    .openapi(askRoute, async (c) => {
      const app = await resolve(c.req.valid('param').slug)
      const question = c.req.valid('json')
      // Wrong codes count against the visitor's limit too, so guessing the code is as slow as asking.
      await limits.take(app.flow.id, clientAddress(c.env), app.settings.perVisitorPerMinute)
      checkAccessCode(app.settings.accessCode, question.accessCode)
      const conversationId = question.conversationId ?? randomUUID()
      const history = await historyOf(app, conversationId)
      const now = deps.now()
      const { runId } = await deps.runs.start({
        ownerId: app.flow.ownerId,
        flowId: app.flow.id,
        flowVersion: app.version,
        document: app.document,
        // Runs keep the four trigger kinds the runs table knows; a chat question is a call over HTTP.
        trigger: 'webhook',
        // Nothing of the visitor's request beyond the question: no headers, cookies or address reach the flow.
        event: {
          body: { message: question.message, conversationId, history },
          headers: {},
          query: {},
          method: 'POST',
          firedAt: new Date(now).toISOString(),
        },
      })
      return answerStream(c, deps, { app, runId, conversationId, question: question.message })
    })
    .openapi(feedbackRoute, async (c) => {
      const app = await resolve(c.req.valid('param').slug)
      const { conversationId, turnId, rating } = c.req.valid('json')
      const value = rating === null ? null : rating === 'up' ? 1 : -1
      if (!(await deps.store.rateChatTurn(app.flow.id, conversationId, turnId, value)))
        throw ApiError.notFound('Answer', turnId)
      return c.body(null, 204)
    })
}

/**
 * The answer as Server-Sent Events. The events are followed to the run's end even when the visitor leaves, so the
 * turn is stored (and remembered for the next question) whatever happens to the connection.
 */
function answerStream(
  c: Parameters<typeof streamSSE>[0],
  deps: AppDeps,
  turn: { app: ChatApp; runId: string; conversationId: string; question: string },
): Response {
  return streamSSE(c, async (stream) => {
    const pending: RunEvent[] = []
    let wake: (() => void) | undefined
    const off = deps.runs.subscribe(turn.runId, (event) => {
      pending.push(event)
      const resolve = wake
      wake = undefined
      resolve?.()
    })
    const send = async (event: string, data: unknown) => {
      if (!stream.aborted && !stream.closed) await stream.writeSSE({ event, data: JSON.stringify(data) })
    }
    const heartbeat = setInterval(() => {
      if (!stream.aborted && !stream.closed) void stream.write(': heartbeat\n\n').catch(() => {})
    }, 15_000)
    const answer = createChatAnswer()
    try {
      await send('start', { conversationId: turn.conversationId })
      for (;;) {
        for (let event = pending.shift(); event !== undefined; event = pending.shift()) {
          const delta = answer.delta(event)
          if (delta) await send('delta', delta)
          answer.see(event)
          if (event.type === 'run.finished') return await finish(event.outcome)
        }
        await new Promise<void>((resolve) => {
          wake = resolve
        })
      }
    } finally {
      clearInterval(heartbeat)
      off()
    }

    async function finish(outcome: Extract<RunEvent, { type: 'run.finished' }>['outcome']) {
      if (outcome.status !== 'succeeded') {
        // The run's own error stays in the owner's run history: it may name hosts, models or data of the flow.
        await send('error', {
          code: 'CHAT_FAILED',
          message: 'The chat app could not answer this time; please try again later',
          runId: turn.runId,
        })
        return
      }
      const text = answer.answer(outcome.output)
      const citations = answer.citations()
      const turnId = randomUUID()
      await deps.store.addChatTurn({
        id: turnId,
        flowId: turn.app.flow.id,
        conversationId: turn.conversationId,
        question: turn.question,
        answer: text,
        citations,
        runId: turn.runId,
        createdAt: deps.now(),
      })
      await send('done', { conversationId: turn.conversationId, turnId, answer: text, citations })
    }
  })
}

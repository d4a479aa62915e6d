import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json, PUBLIC } from '../http/openapi-helpers.ts'
import { hookEvent } from './hook-event.ts'
import { parseHookBody } from './parse-hook-body.ts'
import { readHookBody, tooLarge } from './read-hook-body.ts'
import { createTestCaptures, TEST_WINDOW_MS, type TestWindowView, type WindowCheck } from './test-capture.ts'

const LONG_POLL_MAX_S = 30

const Capture = z.object({
  body: z.unknown(),
  headers: z.record(z.string(), z.string()),
  query: z.record(z.string(), z.string()),
  method: z.string(),
  firedAt: z.string(),
  receivedAt: z.number().int(),
})

const TestWindow = z
  .object({
    status: z.enum(['waiting', 'captured', 'expired']),
    testUrl: z.string().openapi({ example: '/hooks/test/flow_1/3q2-…' }),
    expiresAt: z.number().int(),
    /** The same moment as a duration, for a countdown that does not depend on the browser's clock. */
    expiresInMs: z.number().int().min(0),
    capture: Capture.optional(),
  })
  .openapi('WebhookTestWindow')

const IN_MEMORY_NOTE =
  'Windows live in this server process only: a restart forgets them (open a new one), and behind a load ' +
  'balancer the test call must reach the same process.'

const openWindow = createRoute({
  method: 'post',
  path: '/flows/{id}/webhook-test',
  tags: ['webhooks'],
  summary: 'Listen for one test request to the flow (sample input), like "wait for a test request"',
  description:
    `Opens a ${TEST_WINDOW_MS / 1000}-second window and returns a secret \`testUrl\`. The next POST to it is ` +
    'captured (body, headers without cookies or authorization, query) and answered 200 `{"captured":true}`; ' +
    'nothing runs. Opening again replaces the previous window and its URL. ' +
    IN_MEMORY_NOTE,
  middleware: [requireRole('editor')] as const,
  request: { params: IdParam },
  responses: { 201: json(TestWindow, 'The open window'), ...errors(401, 403, 404) },
})

const readWindow = createRoute({
  method: 'get',
  path: '/flows/{id}/webhook-test',
  tags: ['webhooks'],
  summary: "The flow's test window and its capture; with `wait`, a long poll until something is captured",
  middleware: [requireRole('editor')] as const,
  request: {
    params: IdParam,
    query: z.object({ wait: z.coerce.number().int().min(0).max(LONG_POLL_MAX_S).optional() }),
  },
  responses: {
    200: json(TestWindow, 'The window: waiting, captured (with the request) or expired'),
    ...errors(401, 403, 404),
  },
})

const callTest = createRoute({
  method: 'post',
  path: '/test/{flowId}/{token}',
  tags: ['webhooks'],
  summary: 'A test call: captured as sample input, never runs the flow',
  description:
    'Bodies as for real webhook calls (JSON, URL-encoded forms, text; same size limit). 404 for an unknown URL, ' +
    '410 `TEST_WINDOW_CLOSED` once the window has captured a call or its time is up.',
  security: PUBLIC,
  request: { params: z.object({ flowId: z.string().min(1).max(200), token: z.string().min(1).max(100) }) },
  responses: {
    200: json(z.object({ captured: z.literal(true) }), 'Captured'),
    ...errors(400, 404, 413),
    410: { description: 'The window captured a call already, or its time is up (`TEST_WINDOW_CLOSED`)' },
    415: { description: 'A body that is not JSON, a form or text (`UNSUPPORTED_MEDIA_TYPE`)' },
  },
})

function refuse(check: Exclude<WindowCheck, 'open'>): never {
  if (check === 'unknown') throw ApiError.notFound('Test URL')
  throw new ApiError(
    410,
    'TEST_WINDOW_CLOSED',
    'This test URL has captured a request already or its time is up; open a new one in the editor',
  )
}

/**
 * "Wait for a test request": `hooks` (public, mounted under /hooks) captures the call, `api` (signed in, editor role)
 * opens the window and shows what arrived. Both share this process's windows.
 */
export function createTestCaptureRoutes(deps: AppDeps) {
  const captures = createTestCaptures(deps.now)
  const limit = deps.config.bodyLimitBytes
  const urlOf = (flowId: string, token: string) =>
    `${deps.config.publicUrl ?? ''}/hooks/test/${encodeURIComponent(flowId)}/${token}`
  const toView = (flowId: string, w: TestWindowView) => ({
    status: w.status,
    testUrl: urlOf(flowId, w.token),
    expiresAt: w.expiresAt,
    expiresInMs: Math.max(0, w.expiresAt - deps.now()),
    ...(w.capture ? { capture: w.capture } : {}),
  })

  const hooks = createRouter().openapi(callTest, async (c) => {
    const { flowId, token } = c.req.valid('param')
    const request = c.req.raw
    if (Number(request.headers.get('content-length') ?? 0) > limit) throw tooLarge(limit)
    // Refused before the body is read: a stale URL costs nothing.
    const before = captures.check(flowId, token)
    if (before !== 'open') refuse(before)
    const raw = await readHookBody(request, limit)
    const body = parseHookBody(raw, request.headers.get('content-type') ?? undefined)
    const now = deps.now()
    const { headers = {}, query = {} } = hookEvent(request, new URL(request.url).searchParams, body, now)
    const firedAt = new Date(now).toISOString()
    const after = captures.capture(flowId, token, { body, headers, query, method: request.method, firedAt })
    if (after !== 'open') refuse(after)
    return c.json({ captured: true as const }, 200)
  })

  const api = createRouter()
    .openapi(openWindow, async (c) => {
      const { id } = c.req.valid('param')
      const flow = await deps.store.getFlow(c.get('access'), id)
      if (!flow) throw ApiError.notFound('Flow', id)
      return c.json(toView(flow.id, captures.open(flow.id)), 201)
    })
    .openapi(readWindow, async (c) => {
      const { id } = c.req.valid('param')
      const flow = await deps.store.getFlow(c.get('access'), id)
      if (!flow) throw ApiError.notFound('Flow', id)
      const wait = c.req.valid('query').wait ?? 0
      const w = await captures.wait(flow.id, wait * 1000, c.req.raw.signal)
      if (!w) throw ApiError.notFound('Test window for flow', id)
      return c.json(toView(flow.id, w), 200)
    })

  return { hooks, api }
}

import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json, PUBLIC } from '../http/openapi-helpers.ts'
import { countHookResponses } from '../metrics/count-hook-responses.ts'
import { RunStatus } from '../runs/run-view.ts'
import { SYSTEM_ACCESS } from '../runs/system-access.ts'
import { createHookHandler } from './handle-hook-call.ts'

const CALL_DESCRIPTION = `Runs the flow's **published** version with the request as its trigger event
(\`trigger.body\`, \`.headers\` without cookies or authorization, \`.query\`). Bodies: JSON, URL-encoded forms or text,
up to the server's body limit (413 past it). The trigger's response mode decides the answer:
\`sync\` waits for a Respond node (its status, headers and body) or the run's end (200 with its output; 500
\`RUN_FAILED\` if it failed), up to the trigger's wait limit, then 202 \`{runId, status, statusUrl}\`; \`async\` answers 202
\`{runId, statusUrl}\` at once; \`stream\` sends Server-Sent Events (\`node.started\`, \`chunk\`, \`node.finished\`, then
\`result\`). An \`Idempotency-Key\` header makes a retry within 24 h return the same run instead of starting another;
the same key with a different body or query answers 422 \`IDEMPOTENCY_KEY_REUSED\`.
With signing on, Standard Webhooks headers are required (401 \`SIGNATURE_*\`). A \`callback_url\` (query) or
\`Webhook-Callback-Url\` header on the server's allowlist receives the result, signed, when the run ends.`

const Started = z.object({ runId: z.string(), status: z.string().optional(), statusUrl: z.string() })
const hookResponses = {
  200: { description: 'Sync: the Respond node’s answer, or the run output' },
  202: json(Started, 'Async, or sync past the wait limit: the run id and a status URL'),
  500: { description: 'Sync: the run failed (`RUN_FAILED`, `details.runId`, `details.nodeId`)' },
  ...errors(400, 404, 413, 422, 429),
  401: {
    description: 'Signing is on and the signature is missing, wrong, stale or replayed (`SIGNATURE_*`)',
  },
}

const callById = createRoute({
  method: 'post',
  path: '/{flowId}',
  tags: ['webhooks'],
  summary: 'Call a flow by id',
  description: CALL_DESCRIPTION,
  security: PUBLIC,
  request: { params: z.object({ flowId: z.string().min(1).max(200) }) },
  responses: hookResponses,
})

const callByPath = createRoute({
  method: 'post',
  path: '/p/{path}',
  tags: ['webhooks'],
  summary: "Call a flow by its webhook trigger's custom path",
  description: CALL_DESCRIPTION,
  security: PUBLIC,
  request: { params: z.object({ path: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/) }) },
  responses: hookResponses,
})

const RunStatusView = z.object({
  runId: z.string(),
  status: RunStatus,
  output: z.unknown(),
  error: z.unknown(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
})

const runStatus = createRoute({
  method: 'get',
  path: '/runs/{runId}',
  tags: ['webhooks'],
  summary: 'The status and result of a run started by a webhook (the `statusUrl` a call returned)',
  security: PUBLIC,
  // The token rides in the query, which request logs leave out, so the capability never lands in a log line.
  request: {
    params: z.object({ runId: z.string().max(200) }),
    query: z.object({ token: z.string().max(1000) }),
  },
  responses: { 200: json(RunStatusView, 'The run'), ...errors(404) },
})

/** The public webhook surface under `/hooks`: no session; signing, limits and idempotency instead. */
export function createWebhookRoutes(deps: AppDeps) {
  const hooks = createHookHandler(deps)
  const router = createRouter()
  // The two call routes only: status polls and test captures are not calls.
  const counted = countHookResponses(deps.metrics)
  router.use('/:flowId', counted)
  router.use('/p/:path', counted)
  return router
    .openapi(callById, (c) => hooks.handle(c, { flowId: c.req.valid('param').flowId }) as never)
    .openapi(callByPath, (c) => hooks.handle(c, { path: c.req.valid('param').path }) as never)
    .openapi(runStatus, async (c) => {
      const { runId } = c.req.valid('param')
      const { token } = c.req.valid('query')
      const run = hooks.tokens.check(runId, token) ? await deps.store.getRun(SYSTEM_ACCESS, runId) : undefined
      if (!run) throw ApiError.notFound('Run', runId)
      const { status, output, error, startedAt, finishedAt } = run
      return c.json({ runId, status, output, error, startedAt, finishedAt }, 200)
    })
}

import { createHash, timingSafeEqual } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, PUBLIC } from '../http/openapi-helpers.ts'

const metrics = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['health'],
  summary: 'Prometheus metrics: runs, run and node durations, the run queue, webhook answers, the process',
  description: `Prometheus text format, for a scraper. Open like \`/healthz\` unless the server has
\`ZHILIU_METRICS_TOKEN\`; then it needs \`Authorization: Bearer <that token>\` (an API token does not do). Labels
are trigger, status, node type and HTTP code only: no flow, run or user appears.`,
  security: PUBLIC,
  responses: {
    200: {
      description: 'The metrics',
      content: { 'text/plain': { schema: z.string() } },
    },
    ...errors(401),
  },
})

export function createMetricsRoutes(deps: AppDeps) {
  const allowed = bearerCheck(deps.config.metricsToken)
  return createRouter().openapi(metrics, async (c) => {
    if (!allowed(c.req.header('authorization'))) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"')
      throw new ApiError(401, 'UNAUTHORIZED', 'Send the ZHILIU_METRICS_TOKEN as "Authorization: Bearer …"')
    }
    const { registry } = deps.metrics
    return c.text(await registry.metrics(), 200, { 'content-type': registry.contentType })
  })
}

/** No token configured: everyone may read. Otherwise a constant-time comparison (of hashes, so lengths match). */
function bearerCheck(token: string): (authorization: string | undefined) => boolean {
  if (token === '') return () => true
  const expected = sha256(token)
  return (authorization) => {
    const [scheme, given] = (authorization ?? '').trim().split(/\s+/, 2)
    return (
      scheme?.toLowerCase() === 'bearer' && given !== undefined && timingSafeEqual(sha256(given), expected)
    )
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}

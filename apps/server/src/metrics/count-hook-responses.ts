import type { MiddlewareHandler } from 'hono'
import type { Metrics } from './create-metrics.ts'

/**
 * Counts each answer to a webhook call by status. It wraps the call's handler, so a refusal is counted after the
 * app's error handler has turned it into its response (404, 401, 429…), and a streamed answer by its 200.
 */
export function countHookResponses(metrics: Pick<Metrics, 'countHookResponse'>): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (c.req.method === 'POST') metrics.countHookResponse(c.res.status)
  }
}

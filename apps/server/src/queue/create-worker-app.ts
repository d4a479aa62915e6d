import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { createHealthRoutes } from '../http/create-health-routes.ts'
import { createRouter } from '../http/create-router.ts'
import { errorResponse } from '../http/error-response.ts'
import { createMetricsRoutes } from '../metrics/metrics-routes.ts'

/**
 * The HTTP surface of a `worker` process: liveness, readiness and metrics, for the orchestrator and the scraper.
 * No API, webhooks or editor: a worker takes its work from the queue, and a load balancer must never send it users.
 */
export function createWorkerApp(deps: AppDeps) {
  const app = createRouter()
  const logFailure = (err: unknown) => deps.logger.error({ err: deps.redactor.redact(err) }, 'request failed')
  app.onError((err, c) => errorResponse(err, c, logFailure))
  app.notFound((c) =>
    errorResponse(
      ApiError.notFound('This route (a worker serves /healthz, /readyz and /metrics only)'),
      c,
      logFailure,
    ),
  )
  return app.route('/', createHealthRoutes(deps)).route('/', createMetricsRoutes(deps))
}

import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from './api-error.ts'
import { createRouter } from './create-router.ts'
import { json, PUBLIC } from './openapi-helpers.ts'

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'The process is up (liveness)',
  security: PUBLIC,
  responses: { 200: json(z.object({ status: z.literal('ok') }), 'Up') },
})

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['health'],
  summary: 'The store answers (readiness)',
  security: PUBLIC,
  responses: {
    200: json(z.object({ status: z.literal('ready') }), 'Ready'),
    503: { description: 'The store does not answer (`NOT_READY`)' },
  },
})

export function createHealthRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyz, async (c) => {
      try {
        await deps.store.countUsers()
      } catch (err) {
        deps.logger.warn({ err: deps.redactor.redact(err) }, 'readiness check failed')
        throw new ApiError(503, 'NOT_READY', 'The store is not reachable')
      }
      return c.json({ status: 'ready' as const }, 200)
    })
}

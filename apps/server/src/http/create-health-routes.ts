import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { checkReadiness, type ReadinessCheck } from './check-readiness.ts'
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

const Checks = z
  .record(z.string(), z.string())
  .openapi({ example: { database: 'ok' }, description: '`ok`, or a short reason per dependency' })

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['health'],
  summary:
    'Every dependency answers (readiness): the database, with room to write (`storage`), and Redis once queue mode uses it',
  security: PUBLIC,
  responses: {
    200: json(z.object({ status: z.literal('ready'), checks: Checks }), 'Ready'),
    503: json(z.object({ status: z.literal('not_ready'), checks: Checks }), 'A dependency does not answer'),
  },
})

/** What must answer for this server to take traffic: the database (with room to write), and Redis when REDIS_URL is set. */
export function readinessChecks(
  deps: Pick<AppDeps, 'store' | 'cluster' | 'storage'>,
): Record<string, ReadinessCheck> {
  const checks: Record<string, ReadinessCheck> = {
    database: () => deps.store.countUsers(),
    // Reads still work when the database is full, but no run can start: not ready to take traffic.
    storage: async () => {
      if (deps.storage.full) throw deps.storage.refusal()
    },
  }
  const redis = deps.cluster?.redis
  if (redis) checks.redis = () => redis.client.ping()
  return checks
}

export interface HealthOptions {
  checks?: Record<string, ReadinessCheck>
  /** How long a check may take before it counts as failed. */
  timeoutMs?: number
}

export function createHealthRoutes(deps: AppDeps, options: HealthOptions = {}) {
  const { checks = readinessChecks(deps), timeoutMs } = options
  const logFailure = (check: string, err: unknown) =>
    deps.logger.warn({ check, err: deps.redactor.redact(err) }, 'readiness check failed')
  return createRouter()
    .openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyz, async (c) => {
      const readiness = await checkReadiness(checks, logFailure, timeoutMs)
      return readiness.ready
        ? c.json({ status: 'ready' as const, checks: readiness.checks }, 200)
        : c.json({ status: 'not_ready' as const, checks: readiness.checks }, 503)
    })
}

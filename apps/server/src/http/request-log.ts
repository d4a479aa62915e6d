import type { MiddlewareHandler } from 'hono'
import type { AppDeps } from '../app-deps.ts'
import type { AppEnv } from '../app-env.ts'

/**
 * One log line per request: method, path (never the query string, where callers put tokens), status, duration and
 * the signed-in user. Headers and bodies are not logged; what is logged still goes through the redactor.
 */
export function requestLog(deps: Pick<AppDeps, 'logger' | 'redactor'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Checked per request, as the level can change at run time; a quiet server skips building the line at all.
    if (!deps.logger.isLevelEnabled('info')) return next()
    const started = performance.now()
    await next()
    const line = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      userId: c.get('user')?.id,
    }
    deps.logger.info(deps.redactor.redact(line) as typeof line, 'request')
  }
}

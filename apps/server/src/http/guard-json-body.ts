import type { MiddlewareHandler } from 'hono'
import { parseJsonSafely } from './parse-json-safely.ts'

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i

/**
 * Checks JSON bodies once, before any route sees them: malformed, too deep or carrying `__proto__` → 400
 * `INVALID_JSON`. The route's validator parses the same cached text again; the double parse is cheap next to
 * a handler that crashes on the first `[[[[…` or copies a `__proto__` key into a prototype.
 */
export function guardJsonBody(): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header('content-type')
    if (c.req.raw.body !== null && type && JSON_TYPE.test(type)) {
      const text = await c.req.text()
      if (text.trim() !== '') parseJsonSafely(text)
    }
    await next()
  }
}

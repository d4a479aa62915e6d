import type { MiddlewareHandler } from 'hono'
import { decodeUtf8 } from './decode-utf8.ts'
import { parseJsonSafely } from './parse-json-safely.ts'

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i

/**
 * Checks JSON bodies once, before any route sees them: bytes that are not UTF-8 → 400 `INVALID_UTF8`; malformed,
 * too deep or carrying `__proto__` → 400 `INVALID_JSON`. The route's validator parses the same cached bytes again;
 * the double parse is cheap next to a handler that crashes on the first `[[[[…` or copies a `__proto__` key into a
 * prototype. Read as bytes, not `c.req.text()`, which would turn invalid UTF-8 into "\uFFFD" without a word.
 */
export function guardJsonBody(): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header('content-type')
    if (c.req.raw.body !== null && type && JSON_TYPE.test(type)) {
      const text = decodeUtf8(new Uint8Array(await c.req.arrayBuffer()))
      if (text.trim() !== '') parseJsonSafely(text)
    }
    await next()
  }
}

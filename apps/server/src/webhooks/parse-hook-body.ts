import { ApiError } from '../http/api-error.ts'
import { decodeUtf8 } from '../http/decode-utf8.ts'
import { parseJsonSafely } from '../http/parse-json-safely.ts'

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/
const FORM_TYPE = 'application/x-www-form-urlencoded'
const TEXT_TYPE = /^(text\/[\w.+-]+|application\/([\w.-]+\+)?xml)$/

/**
 * A webhook body as the flow sees it in `trigger.body`: JSON as its value, a form as an object (a repeated field
 * becomes a list), text as a string, and nothing at all as `{}` so that `trigger.body.x` reads as empty. Bytes that
 * are not UTF-8 are 400 INVALID_UTF8; malformed, too deeply nested or `__proto__`-carrying JSON is 400 INVALID_JSON;
 * other media types are 415.
 */
export function parseHookBody(raw: Uint8Array, contentType: string | undefined): unknown {
  if (raw.byteLength === 0) return {}
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const text = decodeUtf8(raw)
  if (JSON_TYPE.test(type)) return parseJsonSafely(text)
  if (type === FORM_TYPE) return parseForm(text)
  if (type === '' || TEXT_TYPE.test(type)) return text
  throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send JSON, a URL-encoded form or text, not ${type}`)
}

function parseForm(text: string): Record<string, string | string[]> {
  const fields = new Map<string, string | string[]>()
  for (const [key, value] of new URLSearchParams(text)) {
    if (key === '__proto__')
      throw ApiError.badRequest('INVALID_BODY', 'The form uses the reserved field "__proto__"')
    const seen = fields.get(key)
    fields.set(key, seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value])
  }
  // fromEntries defines own properties: no key can reach a prototype.
  return Object.fromEntries(fields)
}

import { ApiError } from './api-error.ts'

// fatal: a byte sequence that is not UTF-8 is refused instead of silently becoming "\uFFFD" and being stored so.
const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * The one way a request body's bytes become text, for every JSON body under /api and every webhook body. Refuses
 * bytes that are not UTF-8 with 400 `INVALID_UTF8` (RFC 8259 requires JSON exchanged between systems to be UTF-8).
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes)
  } catch {
    throw ApiError.badRequest(
      'INVALID_UTF8',
      'The body is not valid UTF-8 text; send it encoded as UTF-8 (the encoding JSON requires)',
    )
  }
}

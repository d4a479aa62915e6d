import { NodeError } from '../errors.ts'
import { utf8Bytes } from './web-crypto.ts'

/**
 * Refuses content over a platform's byte limit before anything is sent, naming the limit: the platform would refuse
 * it too, but with a code nobody can read. Platforms count UTF-8 bytes, where a Chinese character takes three.
 */
export function checkByteLimit(text: string, limit: { bytes: number; what: string; field: string }): void {
  const bytes = utf8Bytes(text)
  if (bytes <= limit.bytes) return
  throw new NodeError(
    'PUBLISH_CONTENT_TOO_LONG',
    `${limit.what} holds at most ${limit.bytes} bytes (UTF-8, a Chinese character takes 3; about ` +
      `${Math.floor(limit.bytes / 3)} Chinese characters), and this one has ${bytes}: shorten "${limit.field}"`,
    { details: { field: limit.field, bytes, limit: limit.bytes } },
  )
}

import { ApiError } from '../http/api-error.ts'

/**
 * The raw body of a webhook call, refused with 413 BODY_TOO_LARGE past `limit` bytes — by Content-Length before
 * reading anything, and by counting while streaming when the caller sends chunks without a length. Raw bytes,
 * because a signature covers exactly what was sent.
 */
export async function readHookBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit)
  if (!request.body) return new Uint8Array(0)
  // HTTP framing stops the body at Content-Length, so a declared length within the limit can be read at once.
  if (declared !== null) return new Uint8Array(await request.arrayBuffer())
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

export function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'BODY_TOO_LARGE', `The body is larger than ${limit} bytes`, { limit })
}

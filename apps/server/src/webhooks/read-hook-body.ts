import type { IncomingMessage } from 'node:http'
import { ApiError } from '../http/api-error.ts'

/**
 * The raw body of a webhook call, refused with 413 BODY_TOO_LARGE past `limit` bytes — by Content-Length before
 * reading anything, and by counting while streaming when the caller sends chunks without a length. Raw bytes,
 * because a signature covers exactly what was sent.
 *
 * Under the node server, `incoming` (the node:http request) is read directly: going through `request` makes
 * @hono/node-server build a full fetch Request and a web stream around the socket, which costs more than the rest of
 * reading a small JSON body. In process (`app.request`) there is no `incoming` and `request` is read.
 */
export async function readHookBody(
  request: Request,
  limit: number,
  incoming?: IncomingMessage,
): Promise<Uint8Array> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit)
  // Untouched so far: nobody else consumed it, so it holds the whole body.
  if (incoming && !incoming.readableDidRead && !incoming.readableEnded) return readIncoming(incoming, limit)
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

/** The node server itself drains whatever is left unread once the answer is sent. */
function readIncoming(incoming: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const stop = () => {
      incoming.off('data', onData)
      incoming.off('end', onEnd)
      incoming.off('error', onError)
      incoming.off('close', onClose)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength
      if (size > limit) {
        stop()
        reject(tooLarge(limit))
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      stop()
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size))
    }
    const onError = (error: Error) => {
      stop()
      reject(error)
    }
    const onClose = () => {
      stop()
      reject(new Error('the caller closed the connection before the body was sent'))
    }
    incoming.on('data', onData)
    incoming.on('end', onEnd)
    incoming.on('error', onError)
    incoming.on('close', onClose)
  })
}

export function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'BODY_TOO_LARGE', `The body is larger than ${limit} bytes`, { limit })
}

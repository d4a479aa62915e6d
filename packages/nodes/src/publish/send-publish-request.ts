import type { NodeContext } from '../context.ts'
import { sendFailure } from './send-failure.ts'

export interface PublishRequest {
  url: URL
  /** The exact JSON text to send; signatures are computed over these bytes. */
  body: string
  headers?: Record<string, string>
  /** See `FailedSend.idempotent`. */
  idempotent: boolean
}

export interface PublishReply {
  status: number
  statusText: string
  headers: Headers
  text: string
}

/**
 * POSTs one JSON message. Every publish carries the run's idempotency key: receivers that honour `Idempotency-Key`
 * drop a repeat, and the others ignore an unknown header. Redirects are not followed (`checkHttpStatus` refuses
 * them): following one would hand a signed message, or a bot's key in the query, to an address nobody configured.
 */
export async function sendPublishRequest(ctx: NodeContext, request: PublishRequest): Promise<PublishReply> {
  const headers = new Headers(request.headers)
  headers.set('content-type', 'application/json')
  headers.set('idempotency-key', ctx.idempotencyKey)
  try {
    const res = await ctx.fetch(request.url, {
      method: 'POST',
      headers,
      body: request.body,
      redirect: 'manual',
      signal: ctx.signal,
    })
    // A connection can also drop while the reply is read; that counts as no reply.
    const text = await res.text()
    return { status: res.status, statusText: res.statusText, headers: res.headers, text }
  } catch (err) {
    if (ctx.signal.aborted) throw err // the engine's timeout or a cancellation: it decides what happens next
    throw sendFailure(err, { host: request.url.host, idempotent: request.idempotent })
  }
}

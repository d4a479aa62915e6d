import type { Readable } from 'node:stream'
import { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { NodeError } from '@zhiliu/nodes'
import { outboundError } from './outbound-error.ts'
import type { Answer } from './send-request.ts'

export interface LimitOptions {
  maxBytes: number
  host: string
  /** The URL the response finally came from, reported as `response.url`. */
  url: string
  redirected: boolean
  /** Maps a failure while reading the body (abort, reset) to the error the node should see. */
  mapError: (err: unknown) => unknown
}

/**
 * The answer as a standard Response whose body fails with `RESPONSE_TOO_LARGE` past `maxBytes` (counted after
 * decompression, so a small gzip bomb is caught too) and whose read errors arrive already mapped.
 */
export function limitResponse(answer: Answer, options: LimitOptions): Response {
  const tooLarge = () =>
    outboundError(
      'RESPONSE_TOO_LARGE',
      `The answer from ${options.host} is larger than the limit of ${options.maxBytes} bytes; it was not read`,
    )
  if (answer.status < 200 || answer.status > 599) {
    answer.discard()
    // A Response cannot even be made for it; fetch fails such an answer the same way.
    throw outboundError('OUTBOUND_NETWORK', `${options.host} answered with HTTP status ${answer.status}`)
  }
  const declared = Number(answer.headers.get('content-length') ?? Number.NaN)
  if (declared > options.maxBytes) {
    answer.body?.destroy()
    answer.discard()
    throw tooLarge()
  }
  const body = answer.body
    ? // Node's own type: the DOM lib, which some files compiling this one use, has no \`ReadableStream.from\`.
      (NodeReadableStream.from(
        capped(answer.body, options.maxBytes, tooLarge, options.mapError),
      ) as unknown as ReadableStream<Uint8Array>)
    : null
  const limited = new Response(body, {
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.headers,
  })
  // A constructed Response has no url; nodes use it to see where a redirect chain ended.
  Object.defineProperties(limited, { url: { value: options.url }, redirected: { value: options.redirected } })
  return limited
}

async function* capped(
  source: Readable,
  maxBytes: number,
  tooLarge: () => Error,
  mapError: (err: unknown) => unknown,
): AsyncGenerator<Uint8Array> {
  let total = 0
  try {
    for await (const chunk of source as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength
      if (total > maxBytes) throw tooLarge()
      yield chunk
    }
  } catch (err) {
    throw err instanceof NodeError ? err : mapError(err)
  } finally {
    // Also when the reader cancels: the socket is released, not left half-read.
    source.destroy()
  }
}

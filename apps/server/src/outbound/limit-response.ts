import { outboundError } from './outbound-error.ts'

export interface LimitOptions {
  maxBytes: number
  host: string
  /** The URL the response finally came from, reported as `response.url`. */
  url: string
  redirected: boolean
  /** Maps a failure while reading the body (abort, reset) to the error the node should see. */
  mapError: (err: unknown) => unknown
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304])

/**
 * Re-wraps a response so reading its body fails with `OUTBOUND_TOO_LARGE` past `maxBytes` (counted after
 * decompression, so a small gzip bomb is caught too) and body errors arrive already mapped.
 */
export function limitResponse(response: globalThis.Response, options: LimitOptions): Response {
  const tooLarge = () =>
    outboundError(
      'OUTBOUND_TOO_LARGE',
      `Response from ${options.host} is larger than ${options.maxBytes} bytes`,
    )
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (declared > options.maxBytes) {
    void response.body?.cancel().catch(() => {})
    throw tooLarge()
  }
  const body = response.body && !NULL_BODY_STATUSES.has(response.status) ? capped(response.body) : null
  const limited = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
  // A constructed Response has no url; nodes use it to see where a redirect chain ended.
  Object.defineProperties(limited, { url: { value: options.url }, redirected: { value: options.redirected } })
  return limited

  function capped(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const reader = source.getReader()
    let total = 0
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        const chunk = await reader.read().catch((err: unknown) => {
          controller.error(options.mapError(err))
          return undefined
        })
        if (!chunk) return
        if (chunk.done) return controller.close()
        total += chunk.value.byteLength
        if (total > options.maxBytes) {
          controller.error(tooLarge())
          await reader.cancel().catch(() => {})
          return
        }
        controller.enqueue(chunk.value)
      },
      cancel: (reason) => reader.cancel(reason),
    })
  }
}

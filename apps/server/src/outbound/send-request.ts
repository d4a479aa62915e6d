import { pipeline, type Readable } from 'node:stream'
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import type { Dispatcher } from 'undici'
import { loadUndici } from './load-undici.ts'

/** One exchange's answer before its body is read: what a redirect check needs, and the raw body. */
export interface Answer {
  status: number
  statusText: string
  headers: Headers
  /** Decoded (gzip, deflate, br). Null for HEAD and for statuses that carry no body. */
  body: Readable | null
  /** Frees the connection without reading the body (a redirect, a refusal). */
  discard(): void
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304])
// Sent when the caller names none, as fetch does, and decoded below, so a caller sees the same body either way.
const ACCEPT_ENCODING = 'gzip, deflate, br'

/**
 * Sends one request with undici's `request` — not `fetch`, whose WHATWG machinery (Request and Response objects,
 * header guards, a web stream per body) cost a streamed model call ≈ 1.3 ms of CPU against ≈ 0.8 ms here — and
 * follows no redirect: the caller checks each hop. Bodies are encoded as fetch encodes them (a string as
 * text/plain, FormData as multipart with its boundary), and responses are decoded as fetch decodes them.
 */
export async function sendRequest(
  url: URL,
  init: RequestInit,
  dispatcher: Dispatcher,
  signal: AbortSignal,
): Promise<Answer> {
  const method = (init.method ?? 'GET').toUpperCase()
  const { body, headers } = await encodeBody(url, method, init)
  if (!headers.has('accept-encoding')) headers.set('accept-encoding', ACCEPT_ENCODING)
  const { request } = await loadUndici()
  const res = await request(url, {
    method: method as Dispatcher.HttpMethod,
    headers: Object.fromEntries(headers),
    body,
    signal,
    dispatcher,
  })
  const answerHeaders = new Headers()
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) answerHeaders.append(name, v)
    else if (value !== undefined) answerHeaders.set(name, value)
  }
  const hasBody = method !== 'HEAD' && !NULL_BODY_STATUSES.has(res.statusCode)
  if (!hasBody) res.body.dump().catch(() => {})
  return {
    status: res.statusCode,
    statusText: res.statusText ?? '',
    headers: answerHeaders,
    body: hasBody ? decode(res.body, answerHeaders.get('content-encoding')) : null,
    discard: () => void res.body.dump().catch(() => {}),
  }
}

async function encodeBody(
  url: URL,
  method: string,
  init: RequestInit,
): Promise<{ body: string | Uint8Array | null; headers: Headers }> {
  const headers = new Headers(init.headers)
  const body = init.body
  if (body === undefined || body === null) return { body: null, headers }
  if (typeof body === 'string') {
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8')
    return { body, headers }
  }
  if (body instanceof Uint8Array) return { body, headers }
  // FormData, Blob, URLSearchParams, ArrayBuffer, a stream: let the platform encode it exactly as fetch would.
  const encoded = new Request(url, { method, body, headers, duplex: 'half' } as RequestInit)
  return { body: new Uint8Array(await encoded.arrayBuffer()), headers: encoded.headers }
}

/** Content codings are undone last-applied first; an unknown one is left as it is, as fetch leaves it. */
function decode(body: Readable, contentEncoding: string | null): Readable {
  const codings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c !== 'identity')
    .reverse()
  const decoders = []
  for (const coding of codings) {
    // Lenient about a truncated end, like browsers: a stream cut after the last full block still yields it.
    if (coding === 'gzip' || coding === 'x-gzip')
      decoders.push(createGunzip({ finishFlush: constants.Z_SYNC_FLUSH }))
    else if (coding === 'deflate') decoders.push(createInflate({ finishFlush: constants.Z_SYNC_FLUSH }))
    else if (coding === 'br')
      decoders.push(createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH }))
    else return body
  }
  if (decoders.length === 0) return body
  // Errors from any stage reach the last one, which is what the reader holds.
  return pipeline([body, ...decoders], () => {}) as unknown as Readable
}

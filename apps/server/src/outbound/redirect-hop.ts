import { outboundError } from './outbound-error.ts'

export interface Hop {
  url: URL
  init: RequestInit
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
]
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie']

/**
 * The request to make next when `response` redirects, following the fetch standard's method and body rules, or
 * `undefined` when it is not a redirect. Credentials are dropped when the redirect leaves the origin, so a token meant
 * for one API is never handed to whatever host it points at.
 */
export function redirectHop(response: { status: number; headers: Headers }, hop: Hop): Hop | undefined {
  const location = response.headers.get('location')
  if (!REDIRECT_STATUSES.has(response.status) || location === null) return undefined
  let url: URL
  try {
    url = new URL(location, hop.url)
  } catch (cause) {
    throw outboundError('OUTBOUND_REDIRECT', `${hop.url.host} redirected to an invalid location`, cause)
  }
  const headers = new Headers(hop.init.headers)
  const init: RequestInit = { ...hop.init, headers }
  const method = (hop.init.method ?? 'GET').toUpperCase()
  const toGet =
    (response.status === 303 && method !== 'GET' && method !== 'HEAD') ||
    ((response.status === 301 || response.status === 302) && method === 'POST')
  if (toGet) {
    init.method = 'GET'
    init.body = null
    for (const name of BODY_HEADERS) headers.delete(name)
  } else if (init.body instanceof ReadableStream) {
    throw outboundError(
      'OUTBOUND_REDIRECT',
      `${hop.url.host} redirected a streamed request body, which cannot be re-sent`,
    )
  }
  if (url.origin !== hop.url.origin) {
    for (const name of CREDENTIAL_HEADERS) headers.delete(name)
  }
  return { url, init }
}

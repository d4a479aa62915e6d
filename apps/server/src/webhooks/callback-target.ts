import { ApiError } from '../http/api-error.ts'
import { normalizeHostEntry } from '../outbound/parse-allow-hosts.ts'

/**
 * The caller's `callback_url` (query parameter) or `Webhook-Callback-Url` header, allowed only when its host is in
 * ZHILIU_CALLBACK_HOSTS (`host` allows any port, `host:port` that port): the server must not become a way to make
 * requests to arbitrary addresses on someone's behalf.
 */
export function callbackTarget(
  request: Request,
  query: URLSearchParams,
  allowed: readonly string[],
): URL | undefined {
  const given = query.get('callback_url') ?? request.headers.get('webhook-callback-url')
  if (given === null || given === '') return undefined
  let url: URL
  try {
    url = new URL(given)
  } catch {
    throw ApiError.badRequest('CALLBACK_INVALID', 'callback_url is not a valid URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw ApiError.badRequest('CALLBACK_INVALID', 'callback_url must be an http or https URL')
  }
  const entries = allowed.map(normalizeHostEntry)
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  if (!entries.includes(url.hostname) && !entries.includes(`${url.hostname}:${port}`)) {
    throw ApiError.badRequest(
      'CALLBACK_NOT_ALLOWED',
      `callback_url host ${url.host} is not in the server's callback allowlist (ZHILIU_CALLBACK_HOSTS)`,
    )
  }
  return url
}

import type { IncomingMessage } from 'node:http'
import type { TriggerEvent } from '@zhiliu/nodes'

// Credentials of the caller's session with us are not the flow's business, and the signature is spent once checked.
const DROPPED = new Set(['cookie', 'authorization', 'proxy-authorization', 'webhook-signature'])
const MAX_HEADERS = 100

/**
 * What a webhook call becomes as the run's event: `trigger.body`, `.headers`, `.query`, `.method`, `.firedAt`.
 * Under the node server the headers are read from the node:http request's raw list, as fetch's `Headers` would
 * give them (names in lower case, a repeated header's values joined with ", ") but without building and sorting
 * its entries for every call.
 */
export function hookEvent(
  request: Request,
  searchParams: URLSearchParams,
  body: unknown,
  now: number,
  incoming?: IncomingMessage,
): TriggerEvent {
  const headers = incoming ? headersFromRaw(incoming.rawHeaders) : headersFrom(request.headers)
  const query: Record<string, string> = {}
  for (const [name, value] of searchParams) {
    // The first value of a repeated parameter wins, as in most frameworks.
    if (name === '__proto__' || Object.hasOwn(query, name)) continue
    query[name] = value
  }
  return { body, headers, query, method: request.method, firedAt: new Date(now).toISOString() }
}

function headersFrom(source: Headers): Record<string, string> {
  const headers: Record<string, string> = {}
  let count = 0
  for (const [name, value] of source) {
    if (DROPPED.has(name) || name === '__proto__') continue
    if (++count > MAX_HEADERS) break
    headers[name] = value
  }
  return headers
}

function headersFromRaw(raw: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {}
  let count = 0
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase()
    const value = raw[i + 1] as string
    if (DROPPED.has(name) || name === '__proto__') continue
    // Own keys only: a header named `constructor` must not meet Object.prototype's.
    if (Object.hasOwn(headers, name)) headers[name] = `${headers[name]}, ${value}`
    else if (++count > MAX_HEADERS) break
    else headers[name] = value
  }
  return headers
}

import type { TriggerEvent } from '@zhiliu/nodes'

// Credentials of the caller's session with us are not the flow's business, and the signature is spent once checked.
const DROPPED = new Set(['cookie', 'authorization', 'proxy-authorization', 'webhook-signature'])
const MAX_HEADERS = 100

/** What a webhook call becomes as the run's event: `trigger.body`, `.headers`, `.query`, `.method`, `.firedAt`. */
export function hookEvent(
  request: Request,
  searchParams: URLSearchParams,
  body: unknown,
  now: number,
): TriggerEvent {
  const headers: Record<string, string> = {}
  let count = 0
  for (const [name, value] of request.headers) {
    if (DROPPED.has(name) || name === '__proto__') continue
    if (++count > MAX_HEADERS) break
    headers[name] = value
  }
  const query: Record<string, string> = {}
  for (const [name, value] of searchParams) {
    // The first value of a repeated parameter wins, as in most frameworks.
    if (name === '__proto__' || Object.hasOwn(query, name)) continue
    query[name] = value
  }
  return { body, headers, query, method: request.method, firedAt: new Date(now).toISOString() }
}

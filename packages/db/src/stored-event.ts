import type { TriggerEvent } from '@zhiliu/nodes'

// Headers of the connection, not of the call: they say nothing a person reading the run needs (≈ 250 B of a
// `hook` run's 650 B event). Kept: content-type, user-agent, origin, referer, and every custom (x-…) header.
const TRANSPORT = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'accept-encoding',
  'priority',
  'pragma',
  'cache-control',
  'upgrade-insecure-requests',
])
// Sent by every HTTP client with these values, meaning "anything".
const ANYTHING = new Set(['*', '*/*'])

function saysNothing(name: string, value: string): boolean {
  if (TRANSPORT.has(name) || name.startsWith('sec-fetch-') || name.startsWith('sec-ch-')) return true
  return (name === 'accept' || name === 'accept-language') && ANYTHING.has(value)
}

/**
 * The event as a run stores it: the flow got it whole, the stored copy leaves out the transport headers. A resumed
 * run and the run's details read the stored copy, so a flow that reads `trigger.headers.host` sees it only in the
 * execution that received the call.
 */
export function storedEvent(event: TriggerEvent): TriggerEvent {
  if (!event.headers) return event
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(event.headers)) {
    if (!saysNothing(name.toLowerCase(), value)) headers[name] = value
  }
  return { ...event, headers }
}

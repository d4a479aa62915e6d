import { NodeError } from '../errors.ts'
import type { PublishReply } from './send-publish-request.ts'

/**
 * Statuses that say the request was not carried out: a rate limit, a server that failed, one that is unavailable.
 * 502 and 504 come from a gateway that may have passed the request on before it gave up, so they are only safe to
 * repeat against a receiver that drops duplicates.
 */
const NOT_CARRIED_OUT: ReadonlySet<number> = new Set([429, 500, 503])

const clip = (text: string) => (text.length > 2000 ? `${text.slice(0, 2000)}…` : text)

/** Throws for any non-2xx reply, retryably where sending again cannot deliver the message twice. */
export function checkHttpStatus(reply: PublishReply, to: { name: string; idempotent: boolean }): void {
  if (reply.status >= 200 && reply.status < 300) return
  const retryAfter = reply.headers.get('retry-after')
  const details = { status: reply.status, body: clip(reply.text), ...(retryAfter ? { retryAfter } : {}) }
  const answered = `${to.name} answered ${reply.status} ${reply.statusText}`.trim()
  // 0 is how a browser reports a redirect it was told not to follow.
  if (reply.status < 400) {
    throw new NodeError('PUBLISH_REDIRECT', `${answered}, a redirect; use the final address instead`, {
      details,
    })
  }
  if (reply.status < 500 && reply.status !== 429) {
    throw new NodeError('PUBLISH_HTTP_4XX', answered, { details })
  }
  if (NOT_CARRIED_OUT.has(reply.status) || to.idempotent) {
    throw new NodeError(reply.status === 429 ? 'PUBLISH_HTTP_429' : 'PUBLISH_HTTP_5XX', answered, {
      retryable: true,
      retryAfterMs: retryAfterMs(retryAfter),
      details,
    })
  }
  throw new NodeError(
    'PUBLISH_OUTCOME_UNKNOWN',
    `${answered}. The message may have been passed on before that, so it is not sent again automatically.`,
    { details },
  )
}

/** Seconds only: the HTTP-date form would need the clock, and no bot platform sends it. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header || !/^\d{1,6}$/.test(header.trim())) return undefined
  return Number(header.trim()) * 1000
}

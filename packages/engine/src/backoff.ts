import type { RetryPolicy } from '@zhiliu/nodes'

/** No single wait between attempts exceeds this, however many attempts a policy allows. */
export const MAX_BACKOFF_MS = 30_000

/**
 * The wait before the attempt after `failedAttempt` (1-based): exponential, capped, with full jitter — a uniform
 * draw below the cap — so that many runs failing against the same service do not retry in lockstep.
 */
export function backoffDelay(
  policy: RetryPolicy,
  failedAttempt: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const cap = Math.min(MAX_BACKOFF_MS, policy.backoffMs * 2 ** (failedAttempt - 1))
  const jittered = Math.floor(random() * cap)
  // A service that says when to come back (429 Retry-After) is believed, within the same ceiling.
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retryAfterMs, MAX_BACKOFF_MS))
}

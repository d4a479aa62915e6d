import type { RunOutcome } from '@zhiliu/engine'

/**
 * A paused run holds no worker: it is stored `paused` with the time it is cancelled at if nobody continues it, so
 * any process (after a restart too) can end it (see pause-expiry.ts).
 */
export function withPauseDeadline(
  outcome: RunOutcome,
  parts: { now: () => number; pauseIdleMs: number },
): RunOutcome {
  if (outcome.status !== 'paused' || !outcome.paused) return outcome
  return { ...outcome, paused: { ...outcome.paused, until: parts.now() + parts.pauseIdleMs } }
}

import type { RunOutcome } from '@zhiliu/engine'

export const INTERRUPTED = 'INTERRUPTED'

/**
 * A run the server aborted because it was shutting down did not fail on its own and was not cancelled by anyone:
 * it is recorded as failed with INTERRUPTED, so its history says why and a person can re-run it.
 */
export function finalOutcome(outcome: RunOutcome, shutdown: AbortSignal): RunOutcome {
  if (!shutdown.aborted || outcome.status !== 'cancelled') return outcome
  return { status: 'failed', error: interruptedError(), finishedAt: outcome.finishedAt }
}

export function interruptedError(): NonNullable<RunOutcome['error']> {
  return {
    code: INTERRUPTED,
    message: 'the server shut down before the run finished; re-run it to try again',
    retryable: true,
  }
}

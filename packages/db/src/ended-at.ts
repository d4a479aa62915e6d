import type { RunOutcome } from '@zhiliu/engine'

/** A run's `finishedAt` as stored: `needs_attention` keeps the run open until a person decides (AttentionStore). */
export function endedAt(outcome: RunOutcome): number | null {
  return outcome.status === 'needs_attention' ? null : outcome.finishedAt
}

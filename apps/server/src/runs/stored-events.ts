import type { Run } from '@zhiliu/db'
import type { NodeResult, RunEvent, RunOutcome } from '@zhiliu/engine'

/** The outcome a finished run row records, or null while it is queued or running. */
export function storedOutcome(run: Run): RunOutcome | null {
  if (run.status !== 'succeeded' && run.status !== 'failed' && run.status !== 'cancelled') return null
  const outcome: RunOutcome = { status: run.status, finishedAt: run.finishedAt ?? run.startedAt }
  if (run.output !== null) outcome.output = run.output
  if (run.error !== null) outcome.error = run.error
  return outcome
}

/**
 * The events a subscriber would have seen, rebuilt from what the store kept: one `node.finished` per recorded
 * result and, once the run ended, `run.finished`. Started and chunk events are not stored; the finished results
 * carry everything they announced.
 */
export function storedEvents(run: Run, results: readonly NodeResult[]): RunEvent[] {
  const events: RunEvent[] = [{ type: 'run.started', runId: run.id, at: run.startedAt }]
  for (const result of results) {
    events.push({ type: 'node.finished', runId: run.id, result, at: result.finishedAt })
  }
  // A paused run (step through) ends this execution as the live stream did: with the node it waits before.
  const outcome: RunOutcome | null =
    run.status === 'paused' && run.pausedBefore
      ? { status: 'paused', paused: run.pausedBefore, finishedAt: run.pausedBefore.until ?? run.startedAt }
      : storedOutcome(run)
  if (outcome) events.push({ type: 'run.finished', runId: run.id, outcome, at: outcome.finishedAt })
  return events
}

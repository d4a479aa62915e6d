import { isStorageFull, type Store } from '@zhiliu/db'
import type { NodeResult, RunOutcome, RunRecord, RunStore } from '@zhiliu/engine'
import { type ExpressionEvaluator, type NodeRegistry, type TriggerEvent, ZhiliuError } from '@zhiliu/nodes'
import type { Redactor } from '../security/redact.ts'
import { finalOutcome } from './final-outcome.ts'
import type { LiveRun } from './live-runs.ts'
import { withPauseDeadline } from './pause-deadline.ts'
import type { ResultWrites } from './respond-when-stored.ts'
import { handedBack, isStaleFence, type RunLease, type RunOwnership } from './run-lease.ts'
import { completeResults, slimResult } from './stored-results.ts'

/** One execution of a run in this process: what its writes and announcements are tied to. */
export interface Execution {
  run: LiveRun
  shutdown: AbortSignal
  /** The writes of this execution's results, which a sync answer waits for (see respondWhenStored). */
  writes: ResultWrites
  /** Queue mode: this worker's hold on the run (see run-lease.ts). */
  lease?: RunLease
}

export interface ExecutionRunStoreParts {
  store: Store
  redactor: Redactor
  registry: NodeRegistry
  /** Renders what stored results leave out (see stored-results.ts). */
  expressions: ExpressionEvaluator
  now: () => number
  pauseIdleMs: number
  ownership?: RunOwnership
}

/**
 * The engine's `RunStore` for one execution: every write redacted, slimmed (see stored-results.ts), fenced by the
 * lease in queue mode, or kept for the deferred registration of a run whose row is written late.
 */
export function createExecutionRunStore(
  parts: ExecutionRunStoreParts,
  redactResult: (result: NodeResult) => NodeResult,
) {
  const { store, redactor } = parts

  // The flow itself runs with the caller's input in clear; only the stored copy is redacted.
  const createRun = (record: RunRecord, fence?: number) =>
    store.createRun({ ...record, event: redactor.redact(record.event) as TriggerEvent }, fence)

  const runStoreFor = ({ run, shutdown, writes, lease }: Execution): RunStore => {
    const fence = lease?.fence
    // A refused write means the run is another worker's: from then on nothing more is announced either. A write
    // the database had no room for fails the run as STORAGE_FULL (a stable code), not as an internal error.
    const fenced = (write: Promise<void>) =>
      write.catch((error: unknown) => {
        if (isStaleFence(error)) lease?.lose()
        if (isStorageFull(error)) throw storageFull()
        throw error
      })
    // What is stored of a result: redacted, and without what can be derived again (see stored-results.ts).
    const stored = (result: NodeResult, output?: { value: unknown }) =>
      slimResult(redactResult(result), result, run.start, parts.registry, output)
    // Written late (see deferred-registration.ts): never in queue mode, so never fenced.
    const { deferred } = run
    return {
      createRun: (record) =>
        fenced(
          deferred
            ? deferred.createRun({ ...record, event: redactor.redact(record.event) as TriggerEvent })
            : createRun(record, fence),
        ),
      saveResults: (runId, results) => {
        const slim = results.map((result) => stored(result))
        return writes.track(
          fenced(deferred ? deferred.saveResults(runId, slim) : store.saveResults(runId, slim, fence)),
        )
      },
      async finishRun(runId, outcome, results) {
        if (handedBack(parts.ownership, outcome, shutdown)) {
          // Back to the queue: what this execution did is kept as a checkpoint for the worker that goes on.
          await writes.track(
            fenced(
              store.saveResults(
                runId,
                results.map((result) => stored(result)),
                fence,
              ),
            ),
          )
          return
        }
        const end = redactor.redact(withPauseDeadline(finalOutcome(outcome, shutdown), parts)) as RunOutcome
        // A succeeded run's row holds its output: the respond that produced it does not store it again.
        const output = end.status === 'succeeded' ? { value: outcome.output } : undefined
        const slim = results.map((result) => stored(result, output))
        await writes.track(
          fenced(deferred ? deferred.finishRun(runId, end, slim) : store.finishRun(runId, end, slim, fence)),
        )
      },
      loadNodeResults: async (runId) =>
        completeResults(await store.loadNodeResults(runId), run.start, { ...parts, withInputs: false }),
    }
  }

  return { createRun, runStoreFor }
}

function storageFull(): ZhiliuError {
  return new ZhiliuError('STORAGE_FULL', 'the database had no room to record this run (disk full)')
}

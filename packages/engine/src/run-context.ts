import type { NodeLogger, TriggerEvent } from '@zhiliu/nodes'
import type { Deadlines } from './deadlines.ts'
import type { OutputLimits } from './measure-output.ts'
import type { ResolvedServices } from './node-context.ts'
import type { PauseState } from './pause-rules.ts'
import type { RunEvent, RunEventListener } from './run-events.ts'
import type { NodeResult, RunStore } from './run-store.ts'

/** What every part of one run shares. Built once by `runFlow`; everything below it only reads it (and `steps`). */
export interface RunContext {
  readonly runId: string
  readonly event: TriggerEvent
  readonly services: ResolvedServices
  readonly store: RunStore
  /** How many nodes of one group (the top level, or one loop iteration) may run at once. */
  readonly concurrency: number
  /** On resume: the latest recorded result per node key. Empty otherwise. */
  readonly recorded: ReadonlyMap<string, NodeResult>
  /** Every result of this run in finish order, reused ones included. */
  readonly steps: NodeResult[]
  /** Unkeyed sends found `sending` on resume: held for a person, so the run ends `needs_attention`. */
  readonly attention: NodeResult[]
  /** Every node attempt's timeout, on one timer. */
  readonly deadlines: Deadlines
  /** Null when nobody listens, so that no event object is built for nothing. */
  readonly emit: ((event: RunEvent) => void) | null
  /** Results recorded in memory and not yet written: the next checkpoint or `finishRun` carries them. */
  readonly unsaved: NodeResult[]
  /** Checkpoints not yet confirmed by the store (see `checkpoint`). */
  readonly writes: Set<Promise<void>>
  readonly limits: OutputLimits
  /** The measured size of every output this run recorded so far, against `limits.maxRunOutput`. */
  readonly recordedSize: { total: number }
  /** Step through: null unless the run was started (or resumed) with pause rules. */
  readonly pause: PauseState | null
}

/**
 * The start of a template scope's `nodes` map. It has no prototype, so a node id such as `__proto__` or
 * `constructor` is just a key and a template can only ever reach real outputs.
 */
export function emptyNodes(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>
}

/** Wraps the listener so that one that throws (or rejects) is logged and never breaks the run. */
export function createEmitter(
  listener: RunEventListener | undefined,
  logger: NodeLogger,
): ((event: RunEvent) => void) | null {
  if (!listener) return null
  const report = (error: unknown) => {
    logger.warn('a run event listener failed', {
      error: error instanceof Error ? error.message : String(error),
    })
  }
  return (event) => {
    try {
      const returned: unknown = listener(event)
      if (returned instanceof Promise) returned.catch(report)
    } catch (error) {
      report(error)
    }
  }
}

/**
 * Announces a result and keeps it for the next write. Events go out in the order things happen (a subscriber never
 * sees a dependant start before the node it depends on finished); the API's live view comes from those events, and
 * the store sees the result at the next checkpoint or at the run's end (see RunStore for when those happen).
 */
export function recordResult(run: RunContext, result: NodeResult): void {
  announceResult(run, result)
  run.unsaved.push(result)
}

/**
 * Writes every result not yet stored, in one store call. The caller decides whether to wait for it: a node with
 * side effects waits (a resumed run never repeats a side effect nor reuses one next to recomputed inputs), an
 * expensive pure node does not (the write only spares resume from redoing it).
 */
export function checkpoint(run: RunContext): Promise<void> {
  const write = run.store.saveResults(run.runId, run.unsaved.splice(0))
  run.writes.add(write)
  const forget = () => {
    run.writes.delete(write)
  }
  // The failure itself surfaces at the next `settleWrites`; here it only must not count as unhandled.
  write.then(forget, forget)
  return write
}

/**
 * Records, and waits until it is stored together with every result before it, that a node with side effects is
 * about to act with this config: found on resume, that record says the send may have happened. Not announced: the
 * node has not finished.
 */
export function recordSending(
  run: RunContext,
  plan: { id: string },
  key: string,
  config: unknown,
  startedAt: number,
): Promise<void> {
  const sending: NodeResult = {
    key,
    nodeId: plan.id,
    status: 'sending',
    ports: [],
    input: { config },
    attempts: 0,
    startedAt,
    finishedAt: startedAt,
  }
  run.unsaved.push(sending)
  return checkpoint(run)
}

/** Waits until every result recorded so far is stored; rejects with the first write that failed. */
export async function settleWrites(run: RunContext): Promise<void> {
  while (run.writes.size > 0) await Promise.all(run.writes)
}

export function announceResult(run: RunContext, result: NodeResult, reused = false): void {
  run.steps.push(result)
  if (!run.emit) return
  const event = { type: 'node.finished', runId: run.runId, result, at: run.services.clock.now() } as const
  run.emit(reused ? { ...event, reused: true } : event)
}

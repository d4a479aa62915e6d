import type { RunTrigger } from '@zhiliu/db'
import type { RunEvent } from '@zhiliu/engine'
import type { Flow } from '@zhiliu/nodes'

/** What an observer learns of the run an event belongs to: a live run is one, and so is a run read from the store. */
export interface ObservedRun {
  /** When the run was started (registered as queued), in ms. */
  readonly startedAt: number
  /** The document is known while the run executes here, not for a run ended without executing. */
  readonly start: { readonly trigger: RunTrigger; readonly document?: Flow }
}

/**
 * Watches the runs this process starts, executes and ends (metrics). It is told from the run's own path, not from
 * the store, so it also counts runs whose history is not kept. Called synchronously: it must be cheap and not throw.
 */
export interface RunObserver {
  /** A run was registered and queued: once per run, whatever becomes of it. */
  started(run: ObservedRun): void
  /** Every event this process announces for a run, as subscribers get it. */
  event(event: RunEvent, run: ObservedRun): void
}

export const IGNORE_RUNS: RunObserver = { started() {}, event() {} }

/** A run row as an observed run, for a run that ends without this process holding it live. */
export function observedRow(row: { startedAt: number; trigger: RunTrigger }): ObservedRun {
  return { startedAt: row.startedAt, start: { trigger: row.trigger } }
}

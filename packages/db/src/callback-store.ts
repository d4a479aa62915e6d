import type { RunStatus } from '@zhiliu/engine'

/** A webhook caller's `callback_url`, recorded with the run so that any process can deliver it once the run ends. */
export interface NewCallback {
  runId: string
  flowId: string
  url: string
  now: number
}

/** A callback whose run has ended and whose next attempt is due, with what the receiver is told. */
export interface DueCallback {
  runId: string
  flowId: string
  url: string
  /** Attempts made before this one. */
  attempts: number
  status: RunStatus
  output: unknown
  error: unknown
}

export type CallbackAttempt =
  | { delivered: true; now: number }
  /** `retryAt: null` gives up: the callback is kept, marked failed, and never claimed again. */
  | { delivered: false; now: number; retryAt: number | null; error: string }

/**
 * The outbox of async webhook callbacks. The run is the truth of when a callback is due (it has ended, whatever
 * ended it: the first execution, a resume after an approval, a cancel, another process), so nothing about it lives
 * in one process's memory.
 */
export interface CallbackStore {
  /** One callback per run; adding a second for the same run keeps the first. */
  addCallback(callback: NewCallback): Promise<void>
  /**
   * Claims up to `limit` pending callbacks whose run has ended and whose next attempt is due, and pushes their next
   * attempt `leaseMs` ahead, atomically: of processes claiming at once, each callback goes to exactly one, and a
   * claimer that dies mid-delivery lets the callback come due again when the lease passes. Oldest due first.
   */
  claimDueCallbacks(query: { now: number; leaseMs: number; limit: number }): Promise<DueCallback[]>
  /** Records an attempt's outcome: delivered (never claimed again), retry later, or given up. */
  settleCallback(runId: string, attempt: CallbackAttempt): Promise<void>
}

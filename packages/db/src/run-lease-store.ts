/**
 * Run ownership in queue mode, where several worker processes may be handed the same run (BullMQ redelivers a job
 * whose worker stopped renewing its lock). A worker claims the run before executing it and gets a fencing number;
 * every write it then makes for the run carries that number (`recordNode`, `finishRun` and `createRun` take it as
 * their last argument), and a write whose fence is no longer the run's is refused with StoreError STALE_FENCE. So a
 * worker that stalled, lost its lease and woke up cannot overwrite what the worker that took the run over recorded.
 *
 * Writes without a fence (one process, no queue; the API ending a run that is not executing) are not checked.
 */
export interface RunLeaseStore {
  /**
   * Takes the run for `workerId` until `now + leaseMs` and returns its new fence (one more than any before).
   * Undefined while a lease is live (`leaseUntil > now`, whoever holds it) or when there is no such run.
   * A finished run, and one that stopped waiting on an approval, holds no lease.
   */
  claimRun(
    runId: string,
    claim: { workerId: string; leaseMs: number; now: number },
  ): Promise<number | undefined>
  /** Extends the lease to `now + leaseMs`; false when `fence` is no longer the run's (another worker claimed it). */
  renewRunLease(runId: string, lease: { fence: number; leaseMs: number; now: number }): Promise<boolean>
  /** Ends the lease now so the next claim needs not wait for it (a worker handing the run back at shutdown). */
  releaseRun(runId: string, fence: number): Promise<void>
}

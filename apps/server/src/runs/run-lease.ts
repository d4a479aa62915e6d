import { type Store, StoreError } from '@zhiliu/db'
import { RunJobDeferred, type RunOutcome } from '@zhiliu/engine'
import type { Logger } from 'pino'

/** Queue mode: who this worker is and how long its hold on a run lasts without renewal (ZHILIU_RUN_LEASE_MS). */
export interface RunOwnership {
  workerId: string
  leaseMs: number
}

/** This worker's hold on one run while it executes it. */
export interface RunLease {
  /** Carried by every write for the run; the store refuses it once another worker has claimed the run. */
  readonly fence: number
  /** Aborts when a renewal finds the run claimed by another worker: stop executing, write nothing more. */
  readonly lost: AbortSignal
  /** A write was refused with STALE_FENCE: the run is lost, as if a renewal had found it so. */
  lose(): void
  /** Stops renewing and ends the lease, so a run handed back is claimed at once (no-op once the run finished). */
  end(): Promise<void>
}

/**
 * Claims the run before a worker executes it and renews the lease every third of its length. Refused (another
 * worker's lease is live: it is executing the run, or died less than a lease ago) the job is deferred by a lease,
 * so it comes back and either finds the run ended or takes it over once that lease has expired.
 */
export async function claimRunLease(
  parts: { store: Store; ownership: RunOwnership; now: () => number; logger: Logger },
  runId: string,
): Promise<RunLease> {
  const { store, now, logger } = parts
  const { workerId, leaseMs } = parts.ownership
  const fence = await store.claimRun(runId, { workerId, leaseMs, now: now() })
  if (fence === undefined) throw new RunJobDeferred(`run "${runId}" is held by another worker`, leaseMs)
  const lost = new AbortController()
  const lose = () => {
    if (!lost.signal.aborted) lost.abort(new Error('another worker took the run over'))
  }
  const timer = setInterval(
    () => {
      store.renewRunLease(runId, { fence, leaseMs, now: now() }).then(
        (held) => {
          if (!held) lose()
        },
        // The database is away: the writes fail too, and the lease may still be renewed in time.
        (err: unknown) => logger.warn({ err, runId }, 'could not renew a run lease'),
      )
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  )
  return {
    fence,
    lost: lost.signal,
    lose,
    async end() {
      clearInterval(timer)
      await store
        .releaseRun(runId, fence)
        .catch((err: unknown) => logger.warn({ err, runId }, 'could not release a run'))
    },
  }
}

/** A write was refused because another worker has claimed the run since (see RunLease.fence). */
export function isStaleFence(error: unknown): boolean {
  return error instanceof StoreError && error.code === 'STALE_FENCE'
}

/** Queue mode, stopped by shutdown: the run goes back to the queue as it is, so its end is not recorded here. */
export function handedBack(
  ownership: RunOwnership | undefined,
  outcome: RunOutcome,
  shutdown: AbortSignal,
): boolean {
  return ownership !== undefined && shutdown.aborted && outcome.status === 'cancelled'
}

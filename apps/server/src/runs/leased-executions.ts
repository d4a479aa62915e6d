import type { Store } from '@zhiliu/db'
import type { RunJob, RunJobHandler } from '@zhiliu/engine'
import type { Logger } from 'pino'
import { claimRunLease, type RunLease, type RunOwnership } from './run-lease.ts'

/**
 * Queue mode: each job claims its run's lease (see claimRunLease) before `execute` runs it under that lease, and
 * ends the lease after, so a run handed back at shutdown is claimed at once by another worker.
 */
export function executeUnderLeases(
  parts: { store: Store; ownership: RunOwnership; now: () => number; logger: Logger },
  execute: (job: RunJob, shutdown: AbortSignal, lease: RunLease) => Promise<void>,
): RunJobHandler {
  // Executions under a lease in this process, by run. A busy event loop can stall renewals past the lease while BullMQ
  // hands the job out again, to this very process: the newer claim wins, so the older execution here must stop (it
  // can write nothing more anyway) and the new one go on from what was recorded, not return as a duplicate job.
  const executing = new Map<string, { lease: RunLease; done: Promise<void> }>()
  return async (job, shutdown) => {
    const lease = await claimRunLease(parts, job.runId)
    try {
      const older = executing.get(job.runId)
      if (older) {
        older.lease.lose()
        await older.done
      }
      const done = execute(job, shutdown, lease)
      executing.set(job.runId, { lease, done: done.catch(() => {}) })
      await done
    } finally {
      if (executing.get(job.runId)?.lease === lease) executing.delete(job.runId)
      await lease.end()
    }
  }
}

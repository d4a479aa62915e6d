import type Database from 'better-sqlite3'
import type { RunLeaseStore } from '../run-lease-store.ts'
import { staleFence } from '../stale-fence.ts'

/**
 * Claims, renewals and the fence check, as plain prepared SQL like the other run writes. One process owns a SQLite
 * file, so these only matter to the contract (and to tests); a claim is still one atomic UPDATE.
 */
export function createSqliteRunLeases(client: Database.Database): RunLeaseStore & {
  /** Throws STALE_FENCE unless `fence` is the run's. Call inside the write's transaction. */
  checkFence(runId: string, fence: number | undefined): void
} {
  const claim = client.prepare<[string, number, string, number], { fence: number }>(
    `update runs set worker_id = ?, lease_until = ?, fence = fence + 1
     where id = ? and (lease_until is null or lease_until <= ?) returning fence`,
  )
  const renew = client.prepare('update runs set lease_until = ? where id = ? and fence = ?')
  const release = client.prepare('update runs set lease_until = null where id = ? and fence = ?')
  const current = client.prepare<[string], { fence: number }>('select fence from runs where id = ?')
  return {
    async claimRun(runId, { workerId, leaseMs, now }) {
      return claim.get(workerId, now + leaseMs, runId, now)?.fence
    },
    async renewRunLease(runId, { fence, leaseMs, now }) {
      return renew.run(now + leaseMs, runId, fence).changes > 0
    },
    async releaseRun(runId, fence) {
      release.run(runId, fence)
    },
    checkFence(runId, fence) {
      if (fence === undefined) return
      const row = current.get(runId)
      if (row?.fence !== fence) throw staleFence(runId, fence, row?.fence)
    },
  }
}

import { and, eq, isNull, lte, or, sql } from 'drizzle-orm'
import type { RunLeaseStore } from '../run-lease-store.ts'
import { runs } from '../schema/pg/index.ts'
import { staleFence } from '../stale-fence.ts'
import type { PgDb, PgQueries } from './open-pg.ts'

/**
 * A claim is one UPDATE: of two racing claims the second waits for the first's row lock, then re-reads the row,
 * finds the lease live and updates nothing.
 */
export function createPgRunLeases(db: PgDb): RunLeaseStore {
  return {
    async claimRun(runId, { workerId, leaseMs, now }) {
      const [row] = await db
        .update(runs)
        .set({ workerId, leaseUntil: now + leaseMs, fence: sql`${runs.fence} + 1` })
        .where(and(eq(runs.id, runId), or(isNull(runs.leaseUntil), lte(runs.leaseUntil, now))))
        .returning({ fence: runs.fence })
      return row?.fence
    },
    async renewRunLease(runId, { fence, leaseMs, now }) {
      const rows = await db
        .update(runs)
        .set({ leaseUntil: now + leaseMs })
        .where(and(eq(runs.id, runId), eq(runs.fence, fence)))
        .returning({ id: runs.id })
      return rows.length > 0
    },
    async releaseRun(runId, fence) {
      await db
        .update(runs)
        .set({ leaseUntil: null })
        .where(and(eq(runs.id, runId), eq(runs.fence, fence)))
    },
  }
}

/**
 * Runs `write` only if `fence` is the run's, in one transaction. The run row is read FOR SHARE: a claim (an UPDATE)
 * cannot commit between the check and the write, so a stale worker's write is ordered before the claim that
 * replaced it, never after the new worker read the results back. Without a fence the write runs as it is.
 */
export async function withFence(
  db: PgDb,
  runId: string,
  fence: number | undefined,
  write: (q: PgQueries) => Promise<void>,
): Promise<void> {
  if (fence === undefined) return write(db)
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ fence: runs.fence }).from(runs).where(eq(runs.id, runId)).for('share')
    if (row?.fence !== fence) throw staleFence(runId, fence, row?.fence)
    await write(tx)
  })
}

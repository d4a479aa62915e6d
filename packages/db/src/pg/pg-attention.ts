import { and, eq } from 'drizzle-orm'
import type { AttentionStore } from '../attention-store.ts'
import { nodeResults, runs } from '../schema/pg/index.ts'
import type { PgDb } from './open-pg.ts'
import { recordNodes } from './record-node.ts'
import { createRunWrites } from './run-writes.ts'

export function createPgAttention(db: PgDb): AttentionStore {
  return {
    async settleAttention(runId, decision) {
      return db.transaction(async (tx) => {
        // The run row is the lock: a second decider waits here, then finds the run no longer needs attention.
        const [run] = await tx
          .select({ id: runs.id })
          .from(runs)
          .where(and(eq(runs.id, runId), eq(runs.status, 'needs_attention')))
          .for('update')
        if (!run) return false
        const atKey = and(eq(nodeResults.runId, runId), eq(nodeResults.key, decision.key))
        const [held] = await tx
          .select({ key: nodeResults.key })
          .from(nodeResults)
          .where(and(atKey, eq(nodeResults.status, 'sending')))
        if (!held) return false
        if (decision.result) await recordNodes(tx, runId, [decision.result])
        else await tx.delete(nodeResults).where(atKey)
        if (decision.outcome) await createRunWrites(tx).finish(runId, decision.outcome)
        else await tx.update(runs).set({ status: 'queued', error: null }).where(eq(runs.id, runId))
        return true
      })
    },
  }
}

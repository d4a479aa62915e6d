import { and, eq, sql } from 'drizzle-orm'
import type { AttentionStore } from '../attention-store.ts'
import { runs } from '../schema/pg/index.ts'
import type { PgDb } from './open-pg.ts'
import { createRunWrites } from './run-writes.ts'
import { forgetResults, saveResults } from './save-results.ts'

export function createPgAttention(db: PgDb): AttentionStore {
  return {
    async settleAttention(runId, decision) {
      return db.transaction(async (tx) => {
        // The run row is the lock: a second decider waits here, then finds the run no longer needs attention.
        const [run] = await tx
          .select({ status: sql<string | null>`${runs.results} -> ${decision.key}::text ->> 's'` })
          .from(runs)
          .where(and(eq(runs.id, runId), eq(runs.status, 'needs_attention')))
          .for('update')
        if (run?.status !== 'sending') return false
        if (decision.result) await saveResults(tx, runId, [decision.result])
        else await forgetResults(tx, runId, [decision.key])
        if (decision.outcome) await createRunWrites(tx).finish(runId, decision.outcome)
        else await tx.update(runs).set({ status: 'queued', error: null }).where(eq(runs.id, runId))
        return true
      })
    },
  }
}

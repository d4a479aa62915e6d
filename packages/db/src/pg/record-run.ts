import { isEnded } from '@zhiliu/engine'
import { and, eq, lte, sql } from 'drizzle-orm'
import { endedAt } from '../ended-at.ts'
import { recordedValues } from '../recorded-values.ts'
import { runs, webhookDeliveries } from '../schema/pg/index.ts'
import { DELIVERY_TTL_MS, type DeliveryClaim, keepsEnd, type Store, storedHistory } from '../store.ts'
import type { PgDb, PgQueries } from './open-pg.ts'
import { plainColumns } from './packed-row.ts'

/**
 * `Store.recordRun` for PostgreSQL: a kept run without a key is one INSERT, a run not kept one upsert of its flow's
 * count; with a key, the claim and that write share a transaction, and the claim's primary key decides between
 * concurrent duplicates (the second insert waits for the first to commit, then does nothing).
 */
export function createRecordRun(db: PgDb): Store['recordRun'] {
  return async (run, write = {}) => {
    const { claim, results = [], outcome } = write
    if (outcome && !isEnded(outcome.status))
      throw new TypeError(`recordRun stores an end, not "${outcome.status}"`)
    const history = storedHistory(run.history)
    const store = async (q: PgQueries): Promise<void> => {
      if (outcome && !keepsEnd(history, outcome.status)) {
        if (run.flowId)
          await q.execute(sql`insert into runs_not_kept (flow_id, count) values (${run.flowId}, 1)
            on conflict (flow_id) do update set count = runs_not_kept.count + 1`)
        return
      }
      const { plain, packed } = recordedValues(run, results, outcome)
      await q.insert(runs).values({
        id: run.id,
        flowId: run.flowId ?? null,
        flowVersion: run.flowVersion ?? null,
        ownerId: run.ownerId,
        trigger: run.trigger,
        status: outcome?.status ?? run.status,
        parentRunId: run.parentRunId ?? null,
        startedAt: run.startedAt,
        history,
        error: outcome?.error ?? null,
        finishedAt: outcome ? endedAt(outcome) : null,
        ...(packed
          ? { event: null, output: null, results: null, document: null, packed }
          : plainColumns(plain)),
      })
    }
    if (!claim) {
      await store(db)
      return { claimed: true }
    }
    return db.transaction(async (tx): Promise<DeliveryClaim> => {
      const { flowId, idempotencyKey, requestHash, now } = claim
      await tx.delete(webhookDeliveries).where(lte(webhookDeliveries.createdAt, now - DELIVERY_TTL_MS))
      const won = await tx
        .insert(webhookDeliveries)
        .values({ flowId, idempotencyKey, requestHash, runId: run.id, createdAt: now })
        .onConflictDoNothing()
        .returning({ runId: webhookDeliveries.runId })
      if (won.length === 0) {
        const [held] = await tx
          .select({ runId: webhookDeliveries.runId, requestHash: webhookDeliveries.requestHash })
          .from(webhookDeliveries)
          .where(
            and(eq(webhookDeliveries.flowId, flowId), eq(webhookDeliveries.idempotencyKey, idempotencyKey)),
          )
        // Held by a claim that committed after this transaction's snapshot: seen now, as a conflict must be.
        if (!held) throw new Error('a delivery claim held by another transaction could not be read')
        return { claimed: false, runId: held.runId, requestHash: held.requestHash }
      }
      await store(tx)
      return { claimed: true }
    })
  }
}

import { and, eq, gt, lt, lte } from 'drizzle-orm'
import { scheduleSlots, webhookDeliveries } from '../schema/sqlite/index.ts'
import { DELIVERY_TTL_MS, SLOT_RETENTION_MS, type Store } from '../store.ts'
import type { SqliteDb } from './open-sqlite.ts'

type ClaimMethods = 'claimDelivery' | 'findDelivery' | 'releaseDelivery' | 'claimSlot'

export function createSqliteClaims(db: SqliteDb): Pick<Store, ClaimMethods> {
  return {
    async claimDelivery({ flowId, idempotencyKey, requestHash, runId, now }) {
      // IMMEDIATE: another process claiming the same key waits for the write lock (busy_timeout) rather than
      // reading a state this transaction is about to change.
      return db.transaction(
        (tx) => {
          tx.delete(webhookDeliveries)
            .where(lte(webhookDeliveries.createdAt, now - DELIVERY_TTL_MS))
            .run()
          const won = tx
            .insert(webhookDeliveries)
            .values({ flowId, idempotencyKey, requestHash, runId, createdAt: now })
            .onConflictDoNothing()
            .run()
          if (won.changes > 0) return { claimed: true } as const
          const holder = tx
            .select({ runId: webhookDeliveries.runId, requestHash: webhookDeliveries.requestHash })
            .from(webhookDeliveries)
            .where(
              and(eq(webhookDeliveries.flowId, flowId), eq(webhookDeliveries.idempotencyKey, idempotencyKey)),
            )
            .get()
          if (!holder) throw new Error('a delivery claim vanished inside its own transaction')
          return { claimed: false, runId: holder.runId, requestHash: holder.requestHash } as const
        },
        { behavior: 'immediate' },
      )
    },
    async findDelivery({ flowId, idempotencyKey, now }) {
      const held = db
        .select({ runId: webhookDeliveries.runId, requestHash: webhookDeliveries.requestHash })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.flowId, flowId),
            eq(webhookDeliveries.idempotencyKey, idempotencyKey),
            gt(webhookDeliveries.createdAt, now - DELIVERY_TTL_MS),
          ),
        )
        .get()
      return held
    },
    async releaseDelivery({ flowId, idempotencyKey, runId }) {
      await db
        .delete(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.flowId, flowId),
            eq(webhookDeliveries.idempotencyKey, idempotencyKey),
            eq(webhookDeliveries.runId, runId),
          ),
        )
        .run()
    },
    async claimSlot({ flowId, slot, runId }) {
      return db.transaction(
        (tx) => {
          const won = tx.insert(scheduleSlots).values({ flowId, slot, runId }).onConflictDoNothing().run()
          if (won.changes === 0) return false
          tx.delete(scheduleSlots)
            .where(and(eq(scheduleSlots.flowId, flowId), lt(scheduleSlots.slot, slot - SLOT_RETENTION_MS)))
            .run()
          return true
        },
        { behavior: 'immediate' },
      )
    },
  }
}

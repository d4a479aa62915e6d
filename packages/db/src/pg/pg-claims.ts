import { and, eq, gt, lt, lte } from 'drizzle-orm'
import { scheduleSlots, webhookDeliveries } from '../schema/pg/index.ts'
import { DELIVERY_TTL_MS, SLOT_RETENTION_MS, type Store } from '../store.ts'
import type { PgDb } from './open-pg.ts'

type ClaimMethods = 'claimDelivery' | 'findDelivery' | 'releaseDelivery' | 'claimSlot'

/** A holder can vanish between our conflict and our read only by expiring; a few tries always settle it. */
const CLAIM_ATTEMPTS = 3

export function createPgClaims(db: PgDb): Pick<Store, ClaimMethods> {
  return {
    async claimDelivery({ flowId, idempotencyKey, requestHash, runId, now }) {
      await db.delete(webhookDeliveries).where(lte(webhookDeliveries.createdAt, now - DELIVERY_TTL_MS))
      for (let attempt = 1; ; attempt++) {
        // The primary key decides: a concurrent insert of the same key waits for the first to commit, then does
        // nothing. Exactly one claimer gets a row back.
        const won = await db
          .insert(webhookDeliveries)
          .values({ flowId, idempotencyKey, requestHash, runId, createdAt: now })
          .onConflictDoNothing()
          .returning({ runId: webhookDeliveries.runId })
        if (won.length > 0) return { claimed: true }
        const [holder] = await db
          .select({ runId: webhookDeliveries.runId, requestHash: webhookDeliveries.requestHash })
          .from(webhookDeliveries)
          .where(
            and(eq(webhookDeliveries.flowId, flowId), eq(webhookDeliveries.idempotencyKey, idempotencyKey)),
          )
        if (holder) return { claimed: false, runId: holder.runId, requestHash: holder.requestHash }
        if (attempt >= CLAIM_ATTEMPTS) throw new Error('a delivery claim kept vanishing while it was read')
      }
    },
    async findDelivery({ flowId, idempotencyKey, now }) {
      const [held] = await db
        .select({ runId: webhookDeliveries.runId, requestHash: webhookDeliveries.requestHash })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.flowId, flowId),
            eq(webhookDeliveries.idempotencyKey, idempotencyKey),
            gt(webhookDeliveries.createdAt, now - DELIVERY_TTL_MS),
          ),
        )
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
    },
    async claimSlot({ flowId, slot, runId }) {
      const won = await db
        .insert(scheduleSlots)
        .values({ flowId, slot, runId })
        .onConflictDoNothing()
        .returning({ slot: scheduleSlots.slot })
      if (won.length === 0) return false
      await db
        .delete(scheduleSlots)
        .where(and(eq(scheduleSlots.flowId, flowId), lt(scheduleSlots.slot, slot - SLOT_RETENTION_MS)))
      return true
    },
  }
}

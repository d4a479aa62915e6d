import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { CallbackStore } from '../callback-store.ts'
import { unpackRunValues } from '../packed-run.ts'
import { runCallbacks, runs } from '../schema/pg/index.ts'
import type { PgDb } from './open-pg.ts'

const ENDED = ['succeeded', 'failed', 'cancelled'] as const

export function createPgCallbacks(db: PgDb): CallbackStore {
  return {
    async addCallback({ runId, flowId, url, now }) {
      await db
        .insert(runCallbacks)
        .values({ runId, flowId, url, nextAttemptAt: now, createdAt: now })
        .onConflictDoNothing()
    },

    async claimDueCallbacks({ now, leaseMs, limit }) {
      return db.transaction(async (tx) => {
        // SKIP LOCKED: processes claiming at once each take other rows instead of waiting for one another.
        const due = await tx
          .select({
            runId: runCallbacks.runId,
            flowId: runCallbacks.flowId,
            url: runCallbacks.url,
            attempts: runCallbacks.attempts,
            status: runs.status,
            output: runs.output,
            packed: runs.packed,
            error: runs.error,
          })
          .from(runCallbacks)
          .innerJoin(runs, eq(runs.id, runCallbacks.runId))
          .where(
            and(
              eq(runCallbacks.state, 'pending'),
              lte(runCallbacks.nextAttemptAt, now),
              inArray(runs.status, [...ENDED]),
            ),
          )
          .orderBy(asc(runCallbacks.nextAttemptAt))
          .limit(limit)
          .for('update', { of: runCallbacks, skipLocked: true })
        if (due.length === 0) return []
        await tx
          .update(runCallbacks)
          .set({ nextAttemptAt: now + leaseMs })
          .where(
            inArray(
              runCallbacks.runId,
              due.map((d) => d.runId),
            ),
          )
        return due.map(({ packed, ...d }) => ({
          ...d,
          output: (packed ? unpackRunValues(packed).output : d.output) ?? null,
          error: d.error ?? null,
        }))
      })
    },

    async settleCallback(runId, attempt) {
      const counted = { attempts: sql`${runCallbacks.attempts} + 1` }
      if (attempt.delivered) {
        await db
          .update(runCallbacks)
          .set({ ...counted, state: 'delivered', deliveredAt: attempt.now, lastError: null })
          .where(eq(runCallbacks.runId, runId))
        return
      }
      await db
        .update(runCallbacks)
        .set({
          ...counted,
          state: attempt.retryAt === null ? 'failed' : 'pending',
          nextAttemptAt: attempt.retryAt ?? attempt.now,
          lastError: attempt.error.slice(0, 1_000),
        })
        .where(eq(runCallbacks.runId, runId))
    },
  }
}

import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { CallbackStore } from '../callback-store.ts'
import { unpackRunValues } from '../packed-run.ts'
import { runCallbacks, runs } from '../schema/sqlite/index.ts'
import type { SqliteDb } from './open-sqlite.ts'

const ENDED = ['succeeded', 'failed', 'cancelled'] as const

export function createSqliteCallbacks(db: SqliteDb): CallbackStore {
  return {
    async addCallback({ runId, flowId, url, now }) {
      db.insert(runCallbacks)
        .values({ runId, flowId, url, nextAttemptAt: now, createdAt: now })
        .onConflictDoNothing()
        .run()
    },

    async claimDueCallbacks({ now, leaseMs, limit }) {
      // IMMEDIATE: a second process claiming at the same moment waits for this one's lease to be written.
      return db.transaction(
        (tx) => {
          const due = tx
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
            .all()
          if (due.length === 0) return []
          tx.update(runCallbacks)
            .set({ nextAttemptAt: now + leaseMs })
            .where(
              inArray(
                runCallbacks.runId,
                due.map((d) => d.runId),
              ),
            )
            .run()
          return due.map(({ packed, ...d }) => ({
            ...d,
            output: (packed ? unpackRunValues(packed).output : d.output) ?? null,
            error: d.error ?? null,
          }))
        },
        { behavior: 'immediate' },
      )
    },

    async settleCallback(runId, attempt) {
      const counted = { attempts: sql`${runCallbacks.attempts} + 1` }
      if (attempt.delivered) {
        db.update(runCallbacks)
          .set({ ...counted, state: 'delivered', deliveredAt: attempt.now, lastError: null })
          .where(eq(runCallbacks.runId, runId))
          .run()
        return
      }
      db.update(runCallbacks)
        .set({
          ...counted,
          state: attempt.retryAt === null ? 'failed' : 'pending',
          nextAttemptAt: attempt.retryAt ?? attempt.now,
          lastError: attempt.error.slice(0, 1_000),
        })
        .where(eq(runCallbacks.runId, runId))
        .run()
    },
  }
}

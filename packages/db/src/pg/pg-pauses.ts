import type { PausePoint } from '@zhiliu/engine'
import { and, eq, ne } from 'drizzle-orm'
import type { PauseStore } from '../pause-store.ts'
import { runs } from '../schema/pg/index.ts'
import type { PgQueries } from './open-pg.ts'

export function createPgPauses(db: PgQueries): PauseStore {
  return {
    async setPauseRules(runId, rules) {
      await db.update(runs).set({ pauseRules: rules }).where(eq(runs.id, runId))
    },
    async resumePausedRun(runId, rules) {
      // One conditional statement: of concurrent resumes only one still finds the run paused.
      const moved = await db
        .update(runs)
        .set({ status: 'queued', pauseRules: rules, pausedBefore: null })
        .where(and(eq(runs.id, runId), eq(runs.status, 'paused')))
        .returning({ id: runs.id })
      return moved.length > 0
    },
  }
}

/** `finishRun` for a run that ended `paused`: see the SQLite twin, `prepareHoldPausedRun`. */
export async function holdPausedRun(db: PgQueries, runId: string, point: PausePoint): Promise<void> {
  await db
    .update(runs)
    .set({
      status: 'paused',
      pausedBefore: point,
      output: null,
      error: null,
      finishedAt: null,
      leaseUntil: null,
      history: null,
    })
    .where(and(eq(runs.id, runId), ne(runs.status, 'cancelled')))
}

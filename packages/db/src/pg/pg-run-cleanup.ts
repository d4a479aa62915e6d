import { and, asc, inArray, lt } from 'drizzle-orm'
import { runs } from '../schema/pg/index.ts'
import type { Store } from '../store.ts'
import type { PgDb } from './open-pg.ts'

const ENDED = ['succeeded', 'failed', 'cancelled'] as const

export function createPgRunCleanup(db: PgDb): Pick<Store, 'deleteEndedRuns'> {
  return {
    async deleteEndedRuns({ startedBefore, limit }) {
      // Oldest first along runs_started_idx; node results go with their run (foreign key, on delete cascade).
      const oldest = db
        .select({ id: runs.id })
        .from(runs)
        .where(and(lt(runs.startedAt, startedBefore), inArray(runs.status, [...ENDED])))
        .orderBy(asc(runs.startedAt), asc(runs.id))
        .limit(limit)
      const deleted = await db.delete(runs).where(inArray(runs.id, oldest)).returning({ id: runs.id })
      return deleted.length
    },
  }
}

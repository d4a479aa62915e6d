import { and, asc, count, gte, inArray, lt, sql } from 'drizzle-orm'
import { runs } from '../schema/pg/index.ts'
import type { Store } from '../store.ts'
import type { PgDb } from './open-pg.ts'

const ENDED = ['succeeded', 'failed', 'cancelled'] as const

type RunCleanup = Pick<Store, 'deleteEndedRuns' | 'runHistoryBytes' | 'measureRunHistory' | 'reclaimRunSpace'>

export function createPgRunCleanup(db: PgDb): RunCleanup {
  const bytes = async () => {
    const size = await db.execute<{ bytes: string }>(sql`select pg_total_relation_size('runs') as bytes`)
    return Number(size.rows[0]?.bytes ?? 0)
  }
  return {
    async deleteEndedRuns({ startedBefore, limit }) {
      // Oldest first along runs_started_idx; a run's node results are on its row.
      const oldest = db
        .select({ id: runs.id })
        .from(runs)
        .where(and(lt(runs.startedAt, startedBefore), inArray(runs.status, [...ENDED])))
        .orderBy(asc(runs.startedAt), asc(runs.id))
        .limit(limit)
      const deleted = await db.delete(runs).where(inArray(runs.id, oldest)).returning({ id: runs.id })
      return deleted.length
    },
    runHistoryBytes: bytes,
    async measureRunHistory({ since }) {
      const [size, [all], [recent]] = await Promise.all([
        bytes(),
        db.select({ n: count() }).from(runs),
        db.select({ n: count() }).from(runs).where(gte(runs.startedAt, since)),
      ])
      return { bytes: size, runs: all?.n ?? 0, runsSince: recent?.n ?? 0 }
    },
    async reclaimRunSpace() {
      // A prune deletes far fewer rows than autovacuum waits for (20 % of the table), so without this the tables
      // would grow past the budget while the freed space sits unused.
      await db.execute(sql`vacuum runs`)
    },
  }
}

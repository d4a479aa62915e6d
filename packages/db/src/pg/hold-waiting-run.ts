import { and, eq, ne, sql } from 'drizzle-orm'
import { runs } from '../schema/pg/index.ts'
import type { PgQueries } from './open-pg.ts'

/**
 * `finishRun` for a run that ended `waiting`: the run stays open (no finishedAt, output or error). It stays
 * `waiting` only while a node result still waits; a decision recorded while it executed makes it `queued` for the
 * caller to resume (see ApprovalStore). A run that waited is kept, whatever its flow's run history setting says.
 *
 * The run row is locked first, as `decideWaitingNode` locks it: whichever comes second waits for the first to
 * commit and then, in a new statement, sees its write. Without the lock this UPDATE's snapshot could predate a
 * decision committed meanwhile, and the run would wait for a decision already made.
 */
export async function holdWaitingRun(db: PgQueries, runId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.select({ id: runs.id }).from(runs).where(eq(runs.id, runId)).for('update')
    await tx
      .update(runs)
      .set({
        output: null,
        error: null,
        finishedAt: null,
        leaseUntil: null,
        history: null,
        status: sql`case when exists (select 1 from json_each(${runs.results}) as entry
                                      where entry.value ->> 's' = 'waiting')
          then 'waiting' else 'queued' end`,
      })
      .where(and(eq(runs.id, runId), ne(runs.status, 'cancelled')))
  })
}

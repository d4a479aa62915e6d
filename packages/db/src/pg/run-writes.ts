import type { RunOutcome, RunRecord } from '@zhiliu/engine'
import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import { endedAt } from '../ended-at.ts'
import { runs } from '../schema/pg/index.ts'
import { type NewRun, storedHistory } from '../store.ts'
import { storedEvent } from '../stored-event.ts'
import type { PgQueries } from './open-pg.ts'

/**
 * The three run-row writes every run makes (register, start, finish), each one statement. JSON columns are written
 * as SQLite's hot path writes them: no document, output or error is SQL NULL.
 */
export function createRunWrites(db: PgQueries) {
  return {
    async register(run: NewRun): Promise<void> {
      await db.insert(runs).values({
        id: run.id,
        flowId: run.flowId ?? null,
        flowVersion: run.flowVersion ?? null,
        ownerId: run.ownerId,
        trigger: run.trigger,
        status: run.status,
        event: storedEvent(run.event),
        parentRunId: run.parentRunId ?? null,
        document: run.document ?? null,
        startedAt: run.startedAt,
        history: storedHistory(run.history),
      })
    },
    // A row registered by `register` keeps its owner, trigger, event and start; the engine only moves it on, so its
    // event is not sent again. Cancelled wins: a cancel recorded by another process stays whatever this one writes.
    async start(run: RunRecord): Promise<void> {
      const moved = await db
        .update(runs)
        .set({ status: run.status, output: null, error: null, finishedAt: null })
        .where(and(eq(runs.id, run.id), ne(runs.status, 'cancelled')))
        .returning({ id: runs.id })
      if (moved.length > 0) return
      // A run nobody registered (the CLI's): inserted whole. A cancelled row is left as it is.
      await db
        .insert(runs)
        .values({
          id: run.id,
          flowId: run.flowId ?? null,
          flowVersion: run.flowVersion ?? null,
          trigger: 'manual',
          status: run.status,
          event: run.event,
          startedAt: run.startedAt,
        })
        .onConflictDoNothing({ target: runs.id })
    },
    async finish(runId: string, outcome: RunOutcome): Promise<void> {
      const finished = await db
        .update(runs)
        .set({
          status: outcome.status,
          output: outcome.output ?? null,
          error: outcome.error ?? null,
          finishedAt: endedAt(outcome),
          leaseUntil: null,
        })
        .where(and(eq(runs.id, runId), ne(runs.status, 'cancelled'), keeps(outcome)))
        .returning({ id: runs.id })
      if (finished.length > 0) return
      // Its run history setting does not keep this end: deleted (its node results with it) and counted, in one
      // statement. A cancelled or missing row matches nothing.
      await db.execute(sql`
        with dropped as (
          delete from runs where id = ${runId} and status <> 'cancelled' and not (${keeps(outcome)})
          returning flow_id
        )
        insert into runs_not_kept (flow_id, count)
        select flow_id, 1 from dropped where flow_id is not null
        on conflict (flow_id) do update set count = runs_not_kept.count + 1`)
    },
  }
}

/** Whether a run's `history` setting keeps this end (null keeps every end). */
function keeps(outcome: RunOutcome) {
  return outcome.status === 'succeeded' ? isNull(runs.history) : sql`${runs.history} is distinct from 'none'`
}

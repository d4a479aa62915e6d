import type { RunOutcome, RunRecord } from '@zhiliu/engine'
import { and, eq, ne, sql } from 'drizzle-orm'
import { runs } from '../schema/pg/index.ts'
import { type NewRun, storedHistory } from '../store.ts'
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
        event: run.event,
        parentRunId: run.parentRunId ?? null,
        document: run.document ?? null,
        startedAt: run.startedAt,
        history: storedHistory(run.history),
      })
    },
    // A row registered by `register` keeps its owner, trigger, event and start; the engine only moves it on.
    async start(run: RunRecord): Promise<void> {
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
        .onConflictDoUpdate({
          target: runs.id,
          set: { status: sql`excluded.status`, output: null, error: null, finishedAt: null },
          // Cancelled wins, in one statement: a cancel recorded by another process stays whatever this one writes.
          setWhere: ne(runs.status, 'cancelled'),
        })
    },
    async finish(runId: string, outcome: RunOutcome): Promise<void> {
      // A run whose history setting does not keep this end is deleted instead (its node results with it) and counted,
      // in one statement.
      const dropped = await db.execute<{ flow_id: string | null }>(sql`
        with dropped as (
          delete from runs where id = ${runId} and status <> 'cancelled'
            and (history = 'none' or (history = 'failed' and ${outcome.status} = 'succeeded'))
          returning flow_id
        ), counted as (
          insert into runs_not_kept (flow_id, count)
          select flow_id, 1 from dropped where flow_id is not null
          on conflict (flow_id) do update set count = runs_not_kept.count + 1
        )
        select flow_id from dropped`)
      if (dropped.rows.length > 0) return
      await db
        .update(runs)
        .set({
          status: outcome.status,
          output: outcome.output ?? null,
          error: outcome.error ?? null,
          finishedAt: outcome.finishedAt,
          leaseUntil: null,
        })
        .where(and(eq(runs.id, runId), ne(runs.status, 'cancelled')))
    },
  }
}

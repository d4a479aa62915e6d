import type { RunOutcome, RunRecord } from '@zhiliu/engine'
import { and, eq, ne, sql } from 'drizzle-orm'
import { endedAt } from '../ended-at.ts'
import { runs } from '../schema/pg/index.ts'
import type { NewRun } from '../store.ts'
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
      await db
        .update(runs)
        .set({
          status: outcome.status,
          output: outcome.output ?? null,
          error: outcome.error ?? null,
          finishedAt: endedAt(outcome),
          leaseUntil: null,
        })
        .where(and(eq(runs.id, runId), ne(runs.status, 'cancelled')))
    },
  }
}

import type { NodeResult, RunOutcome, RunRecord } from '@zhiliu/engine'
import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import { endedAt } from '../ended-at.ts'
import { jsonText } from '../json-text.ts'
import { type PackedValues, packRunValues, unpackRunText } from '../packed-run.ts'
import { mergeResults, type ResultsRecord } from '../results-record.ts'
import { runs } from '../schema/pg/index.ts'
import { type NewRun, storedHistory } from '../store.ts'
import { storedEvent } from '../stored-event.ts'
import type { PgQueries } from './open-pg.ts'
import { plainColumns, unpackRow, valueTexts } from './packed-row.ts'

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
      // A packed row (an ended run reopened) is put back as plain first: its output is inside `packed`.
      const move = () =>
        db
          .update(runs)
          .set({ status: run.status, output: null, error: null, finishedAt: null })
          .where(and(eq(runs.id, run.id), ne(runs.status, 'cancelled'), isNull(runs.packed)))
          .returning({ id: runs.id })
      if ((await move()).length > 0) return
      if ((await unpackRow(db, run.id)) && (await move()).length > 0) return
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
    /**
     * Ends the run with `results` merged into its record. A run that ended (succeeded, failed, cancelled) is packed
     * when that pays (see packed-run.ts): its values are read, packed here and written back in one transaction, the
     * row locked so that no write falls between. `needs_attention` stays open and plain (attention reads its record).
     */
    async finish(runId: string, outcome: RunOutcome, results: readonly NodeResult[] = []): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx.select(valueTexts).from(runs).where(eq(runs.id, runId)).for('update')
        if (!row) return
        const values: PackedValues = row.packed
          ? unpackRunText(row.packed)
          : { ...row, event: row.event ?? 'null' }
        const stored = values.results === null ? null : (JSON.parse(values.results) as ResultsRecord)
        const merged =
          results.length === 0 ? values.results : JSON.stringify(mergeResults(stored, results, row.startedAt))
        const plain = { ...values, output: jsonText(outcome.output), results: merged }
        const packed = outcome.status === 'needs_attention' ? null : packRunValues(plain)
        const columns = packed
          ? { event: null, output: null, results: null, document: null, packed }
          : plainColumns(plain)
        const finished = await tx
          .update(runs)
          .set({
            status: outcome.status,
            ...columns,
            error: outcome.error ?? null,
            finishedAt: endedAt(outcome),
            leaseUntil: null,
          })
          .where(and(eq(runs.id, runId), ne(runs.status, 'cancelled'), keeps(outcome)))
          .returning({ id: runs.id })
        if (finished.length > 0) return
        // Its run history setting does not keep this end: deleted (its node results with it) and counted, in one
        // statement. A cancelled row matches nothing: it keeps what this execution recorded.
        const dropped = await tx.execute(sql`
          with dropped as (
            delete from runs where id = ${runId} and status <> 'cancelled' and not (${keeps(outcome)})
            returning flow_id
          )
          insert into runs_not_kept (flow_id, count)
          select flow_id, 1 from dropped where flow_id is not null
          on conflict (flow_id) do update set count = runs_not_kept.count + 1
          returning 1`)
        if (dropped.rows.length > 0 || (merged === values.results && !row.packed)) return
        await tx
          .update(runs)
          .set(plainColumns({ ...values, results: merged }))
          .where(eq(runs.id, runId))
      })
    },
  }
}

/** Whether a run's `history` setting keeps this end (null keeps every end). */
function keeps(outcome: RunOutcome) {
  return outcome.status === 'succeeded' ? isNull(runs.history) : sql`${runs.history} is distinct from 'none'`
}

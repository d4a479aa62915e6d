import type { NodeResult, RunOutcome, RunRecord } from '@zhiliu/engine'
import type Database from 'better-sqlite3'
import { endedAt } from '../ended-at.ts'
import { jsonText } from '../json-text.ts'
import { packRunValues } from '../packed-run.ts'
import { mergeResults, type ResultsRecord } from '../results-record.ts'
import { type NewRun, storedHistory } from '../store.ts'
import { storedEvent } from '../stored-event.ts'
import { preparePackedRow } from './prepare-packed-row.ts'

/**
 * The three run-row writes every run makes (register, start, finish), prepared once as plain SQL on the driver like
 * `prepareSaveResults`: drizzle's parameter mapping cost more than SQLite's insert. The column lists mirror
 * `schema/sqlite/runs.ts`, which the contract suite reads back through drizzle, so a drift fails the tests.
 *
 * JSON columns are encoded as drizzle's `mode: 'json'` does; no document, output or error is SQL NULL.
 */
export function prepareRunWrites(client: Database.Database) {
  const register = client.prepare(
    `insert into runs
       (id, flow_id, flow_version, owner_id, trigger, status, event, parent_run_id, document, started_at, history)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  // A row registered by `register` keeps its owner, trigger, event and start; the engine only moves it on, so its
  // event is not serialised again. Cancelled wins: a cancel recorded by another process stays whatever this writes.
  // A packed row (an ended run reopened) is put back as plain first: its output is inside `packed`.
  const start = client.prepare(
    `update runs set status = ?, output = null, error = null, finished_at = null
     where id = ? and status <> 'cancelled' and packed is null`,
  )
  // A run nobody registered (the CLI's): inserted whole. A cancelled row is left as it is.
  const startUnregistered = client.prepare(
    `insert into runs (id, flow_id, flow_version, trigger, status, event, started_at)
     values (?, ?, ?, 'manual', ?, ?, ?)
     on conflict (id) do nothing`,
  )
  // The end writes the row's JSON values whole: packed (see packed-run.ts) or, when that does not pay, plain.
  const finish = client.prepare(
    `update runs set status = ?, event = ?, output = ?, results = ?, document = ?, packed = ?, error = ?,
       finished_at = ?, lease_until = null
     where id = ? and status <> 'cancelled' and (history is null or (history = 'failed' and ? <> 'succeeded'))`,
  )
  // A run whose history setting does not keep this end is deleted instead (its node results with it) and counted.
  // `finish` leaves such a row alone, so the common end (kept) is one statement.
  const discard = client.prepare(
    `delete from runs where id = ? and status <> 'cancelled'
       and (history = 'none' or (history = 'failed' and ? = 'succeeded'))
     returning flow_id`,
  )
  const countNotKept = client.prepare(
    `insert into runs_not_kept (flow_id, count) values (?, 1)
     on conflict (flow_id) do update set count = count + 1`,
  )
  const row = preparePackedRow(client)
  return {
    register(run: NewRun): void {
      register.run(
        run.id,
        run.flowId ?? null,
        run.flowVersion ?? null,
        run.ownerId,
        run.trigger,
        run.status,
        JSON.stringify(storedEvent(run.event)),
        run.parentRunId ?? null,
        jsonText(run.document),
        run.startedAt,
        storedHistory(run.history),
      )
    },
    start(run: RunRecord): void {
      if (start.run(run.status, run.id).changes > 0) return
      if (row.unpack(run.id) && start.run(run.status, run.id).changes > 0) return
      startUnregistered.run(
        run.id,
        run.flowId ?? null,
        run.flowVersion ?? null,
        run.status,
        JSON.stringify(run.event),
        run.startedAt,
      )
    },
    /**
     * Ends the run with `results` merged into its record, in the same statement. A run that ended (succeeded,
     * failed, cancelled) is packed when that pays; `needs_attention` stays open and plain (attention reads its
     * record).
     */
    finish(runId: string, outcome: RunOutcome, results: readonly NodeResult[]): void {
      const values = row.values(runId)
      if (!values) return
      const stored = values.results === null ? null : (JSON.parse(values.results) as ResultsRecord)
      const merged =
        results.length === 0
          ? values.results
          : JSON.stringify(mergeResults(stored, results, values.startedAt))
      const { status, output, error } = outcome
      const plain = {
        event: values.event,
        output: jsonText(output),
        results: merged,
        document: values.document,
      }
      const packed = status === 'needs_attention' ? null : packRunValues(plain)
      const columns = packed
        ? [null, null, null, null, packed]
        : [plain.event, plain.output, merged, plain.document, null]
      if (finish.run(status, ...columns, jsonText(error), endedAt(outcome), runId, status).changes > 0) return
      const dropped = discard.get(runId, status) as { flow_id: string | null } | undefined
      if (dropped) {
        if (dropped.flow_id) countNotKept.run(dropped.flow_id)
        return
      }
      // A cancelled row was neither finished nor dropped: it keeps what this execution recorded.
      if (merged !== values.results || values.wasPacked)
        row.writePlain(runId, { ...plain, output: values.output })
    },
  }
}

import type { RunOutcome, RunRecord } from '@zhiliu/engine'
import type Database from 'better-sqlite3'
import { endedAt } from '../ended-at.ts'
import type { NewRun } from '../store.ts'

/**
 * The three run-row writes every run makes (register, start, finish), prepared once as plain SQL on the driver like
 * `prepareRecordNode`: drizzle's parameter mapping cost more than SQLite's insert. The column lists mirror
 * `schema/sqlite/runs.ts`, which the contract suite reads back through drizzle, so a drift fails the tests.
 *
 * JSON columns are encoded as drizzle's `mode: 'json'` does; no document, output or error is SQL NULL.
 */
export function prepareRunWrites(client: Database.Database) {
  const register = client.prepare(
    `insert into runs
       (id, flow_id, flow_version, owner_id, trigger, status, event, parent_run_id, document, started_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  // A row registered by `register` keeps its owner, trigger, event and start; the engine only moves it on.
  // Cancelled wins, in one statement: a cancel recorded by another process stays whatever this one still writes.
  const start = client.prepare(
    `insert into runs (id, flow_id, flow_version, trigger, status, event, started_at)
     values (?, ?, ?, 'manual', ?, ?, ?)
     on conflict (id) do update set
       status = excluded.status, output = null, error = null, finished_at = null
     where runs.status <> 'cancelled'`,
  )
  const finish = client.prepare(
    `update runs set status = ?, output = ?, error = ?, finished_at = ?, lease_until = null where id = ? and status <> 'cancelled'`,
  )
  return {
    register(run: NewRun): void {
      register.run(
        run.id,
        run.flowId ?? null,
        run.flowVersion ?? null,
        run.ownerId,
        run.trigger,
        run.status,
        JSON.stringify(run.event),
        run.parentRunId ?? null,
        json(run.document),
        run.startedAt,
      )
    },
    start(run: RunRecord): void {
      start.run(
        run.id,
        run.flowId ?? null,
        run.flowVersion ?? null,
        run.status,
        JSON.stringify(run.event),
        run.startedAt,
      )
    },
    finish(runId: string, outcome: RunOutcome): void {
      finish.run(outcome.status, json(outcome.output), json(outcome.error), endedAt(outcome), runId)
    },
  }
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value)
}

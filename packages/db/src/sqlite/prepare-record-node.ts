import type { NodeResult } from '@zhiliu/engine'
import type Database from 'better-sqlite3'

/**
 * The engine's hot path, prepared once as plain SQL on the driver: even a prepared drizzle query spends more time
 * mapping parameters than SQLite spends inserting. Upsert, because recording a key again (a resumed or re-run
 * node) replaces the earlier result. The column list mirrors `schema/sqlite/runs.ts` (nodeResults), which the
 * contract suite reads back through drizzle, so a drift fails the tests.
 *
 * JSON columns are encoded like drizzle's `mode: 'json'`: `undefined` becomes SQL NULL and `null` the text `null`,
 * so a node that really output null reads back as null, not as "no output".
 */
export function prepareRecordNode(client: Database.Database): (runId: string, result: NodeResult) => void {
  const statement = client.prepare(
    `insert into node_results
       (run_id, key, node_id, status, ports, input, output, error, attempts, started_at, finished_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (run_id, key) do update set
       node_id = excluded.node_id, status = excluded.status, ports = excluded.ports, input = excluded.input,
       output = excluded.output, error = excluded.error, attempts = excluded.attempts,
       started_at = excluded.started_at, finished_at = excluded.finished_at`,
  )
  return (runId, r) => {
    statement.run(
      runId,
      r.key,
      r.nodeId,
      r.status,
      JSON.stringify(r.ports),
      json(r.input),
      json(r.output),
      json(r.error),
      r.attempts,
      r.startedAt,
      r.finishedAt,
    )
  }
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value)
}

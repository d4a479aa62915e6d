import type { NodeResult } from '@zhiliu/engine'
import type Database from 'better-sqlite3'
import { mergeResults, type ResultsRecord } from '../results-record.ts'
import { preparePackedRow } from './prepare-packed-row.ts'

/**
 * The engine's hot path, prepared once as plain SQL on the driver: results merged by key into the run's one record
 * (see results-record.ts), read and written back in the caller's transaction (every SQLite write is one: the group
 * commit, or an immediate transaction for a decision), so no other write falls between the two. A run that is gone
 * (not kept) stores nothing. Results saved after the run's end (a packed row) put the row back as plain.
 */
export function prepareSaveResults(
  client: Database.Database,
): (runId: string, results: readonly NodeResult[]) => void {
  const read = client.prepare<[string], { started_at: number; results: string | null; packed: 0 | 1 }>(
    'select started_at, results, packed is not null as packed from runs where id = ?',
  )
  const write = client.prepare('update runs set results = ? where id = ?')
  const packedRow = preparePackedRow(client)
  return (runId, results) => {
    if (results.length === 0) return
    let row = read.get(runId)
    if (row?.packed && packedRow.unpack(runId)) row = read.get(runId)
    if (!row) return
    const stored = row.results === null ? null : (JSON.parse(row.results) as ResultsRecord)
    write.run(JSON.stringify(mergeResults(stored, results, row.started_at)), runId)
  }
}

/** The run's record with `keys` removed (a re-run from a node drops what it recomputes), in the same way. */
export function prepareForgetResults(
  client: Database.Database,
): (runId: string, keys: readonly string[]) => void {
  const read = client.prepare<[string], { results: string | null }>('select results from runs where id = ?')
  const write = client.prepare('update runs set results = ? where id = ?')
  const packedRow = preparePackedRow(client)
  return (runId, keys) => {
    if (keys.length > 0) packedRow.unpack(runId)
    const stored = read.get(runId)?.results
    if (keys.length === 0 || !stored) return
    const record = JSON.parse(stored) as ResultsRecord
    for (const key of keys) delete record[key]
    write.run(JSON.stringify(record), runId)
  }
}

/** The JSON path of one entry's status in a results record; a key such as `loop[2].b` is quoted. */
export function statusPath(key: string): string {
  return `$."${key.replaceAll('"', '""')}".s`
}

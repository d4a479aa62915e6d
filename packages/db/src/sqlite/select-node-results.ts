import type { NodeResult } from '@zhiliu/engine'
import type Database from 'better-sqlite3'
import { unpackRunValues } from '../packed-run.ts'
import { type ResultsRecord, readResults } from '../results-record.ts'

/** A run's results in the order the nodes finished, shaped exactly as the engine recorded them. */
export function prepareSelectNodeResults(client: Database.Database): (runId: string) => NodeResult[] {
  const read = client.prepare<
    [string],
    { started_at: number; results: string | null; packed: Buffer | null }
  >('select started_at, results, packed from runs where id = ?')
  return (runId) => {
    const row = read.get(runId)
    if (row?.packed)
      return readResults(unpackRunValues(row.packed).results as ResultsRecord | null, row.started_at)
    if (!row?.results) return []
    return readResults(JSON.parse(row.results) as ResultsRecord, row.started_at)
  }
}

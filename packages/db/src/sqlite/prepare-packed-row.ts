import type Database from 'better-sqlite3'
import { type PackedValues, unpackRunText } from '../packed-run.ts'

/** A run row's JSON values as text, whether the row is packed or plain, and whether it was packed. */
export interface RowValues extends PackedValues {
  startedAt: number
  wasPacked: boolean
}

/**
 * Reading and undoing a packed row (see packed-run.ts) on the driver. Only an end packs a row; any later write that
 * changes a packed value (a resumed run's start, results saved after the end) first puts the row back as plain.
 */
export function preparePackedRow(client: Database.Database) {
  const read = client.prepare<
    [string],
    {
      started_at: number
      event: string | null
      output: string | null
      results: string | null
      document: string | null
      packed: Buffer | null
    }
  >('select started_at, event, output, results, document, packed from runs where id = ?')
  const writePlain = client.prepare(
    'update runs set event = ?, output = ?, results = ?, document = ?, packed = null where id = ?',
  )
  const readPacked = client.prepare<[string], { packed: Buffer | null }>(
    'select packed from runs where id = ?',
  )
  const values = (runId: string): RowValues | undefined => {
    const row = read.get(runId)
    if (!row) return undefined
    if (row.packed) return { startedAt: row.started_at, wasPacked: true, ...unpackRunText(row.packed) }
    // A plain row always has its event (the column is nullable only for packed rows).
    return {
      startedAt: row.started_at,
      wasPacked: false,
      event: row.event ?? 'null',
      output: row.output,
      results: row.results,
      document: row.document,
    }
  }
  return {
    values,
    /** Writes the values as plain columns (packed cleared). */
    writePlain(runId: string, v: PackedValues): void {
      writePlain.run(v.event, v.output, v.results, v.document, runId)
    },
    /** Puts a packed row back as plain; false when it was not packed (or is gone). */
    unpack(runId: string): boolean {
      if (!readPacked.get(runId)?.packed) return false
      const v = values(runId)
      if (v) writePlain.run(v.event, v.output, v.results, v.document, runId)
      return true
    },
  }
}

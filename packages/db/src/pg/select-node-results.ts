import type { NodeResult } from '@zhiliu/engine'
import { eq } from 'drizzle-orm'
import { unpackRunValues } from '../packed-run.ts'
import { type ResultsRecord, readResults } from '../results-record.ts'
import { runs } from '../schema/pg/index.ts'
import type { PgDb } from './open-pg.ts'

/** A run's results in the order the nodes finished, shaped exactly as the engine recorded them. */
export async function selectNodeResults(db: PgDb, runId: string): Promise<NodeResult[]> {
  const [row] = await db
    .select({ startedAt: runs.startedAt, results: runs.results, packed: runs.packed })
    .from(runs)
    .where(eq(runs.id, runId))
  if (!row) return []
  const results = row.packed ? (unpackRunValues(row.packed).results as ResultsRecord | null) : row.results
  return readResults(results ?? null, row.startedAt)
}

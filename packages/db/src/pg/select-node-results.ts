import type { NodeResult } from '@zhiliu/engine'
import { eq } from 'drizzle-orm'
import { readResults } from '../results-record.ts'
import { runs } from '../schema/pg/index.ts'
import type { PgDb } from './open-pg.ts'

/** A run's results in the order the nodes finished, shaped exactly as the engine recorded them. */
export async function selectNodeResults(db: PgDb, runId: string): Promise<NodeResult[]> {
  const [row] = await db
    .select({ startedAt: runs.startedAt, results: runs.results })
    .from(runs)
    .where(eq(runs.id, runId))
  return row ? readResults(row.results ?? null, row.startedAt) : []
}

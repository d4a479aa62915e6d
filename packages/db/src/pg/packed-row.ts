import { and, eq, isNotNull, sql } from 'drizzle-orm'
import { type PackedValues, unpackRunText } from '../packed-run.ts'
import { runs } from '../schema/pg/index.ts'
import type { PgQueries } from './open-pg.ts'

/** The JSON values of a run row as the texts of their columns (null: SQL NULL), for a writer. */
export const valueTexts = {
  startedAt: runs.startedAt,
  event: sql<string | null>`${runs.event}::text`,
  output: sql<string | null>`${runs.output}::text`,
  results: sql<string | null>`${runs.results}::text`,
  document: sql<string | null>`${runs.document}::text`,
  packed: runs.packed,
}

/** The values as plain columns, `packed` cleared (texts sent as they are, not serialised again). */
export function plainColumns(values: PackedValues) {
  const json = (text: string | null) => (text === null ? null : sql`${text}::json`)
  return {
    event: sql`${values.event}::json`,
    output: json(values.output),
    results: json(values.results),
    document: json(values.document),
    packed: null,
  }
}

/**
 * Puts a packed row (see packed-run.ts) back as plain; false when it was not packed (or is gone). Only an end packs
 * a row; a later write that changes a packed value (a reopened run's start, results saved after the end) first
 * calls this when its own statement, guarded by `packed is null`, matched nothing.
 */
export async function unpackRow(db: PgQueries, runId: string): Promise<boolean> {
  const [row] = await db
    .select({ packed: runs.packed })
    .from(runs)
    .where(and(eq(runs.id, runId), isNotNull(runs.packed)))
  if (!row?.packed) return false
  await db
    .update(runs)
    .set(plainColumns(unpackRunText(row.packed)))
    .where(and(eq(runs.id, runId), isNotNull(runs.packed)))
  return true
}

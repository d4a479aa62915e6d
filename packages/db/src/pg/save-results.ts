import type { NodeResult } from '@zhiliu/engine'
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm'
import { toStoredResult } from '../results-record.ts'
import { runs } from '../schema/pg/index.ts'
import type { PgQueries } from './open-pg.ts'
import { unpackRow } from './packed-row.ts'

/**
 * One statement for any number of results, merged by key into the run's record (see results-record.ts): the keys
 * it carries replace theirs, every other is kept. The merge is the UPDATE's own expression, so it applies to the row
 * as the last committed write (a decision) left it.
 *
 * Spliced as text from `json` values, not merged through jsonb: jsonb would reorder the keys inside every output,
 * refuse U+0000 and take more room. Each result is sent as [key, startedAt, the rest of its entry after `"t":…`];
 * `t` is counted from the run's start here, where the start is known.
 */
export async function saveResults(
  db: PgQueries,
  runId: string,
  results: readonly NodeResult[],
): Promise<void> {
  if (results.length === 0) return
  const added = results.map((result) => {
    const { t, ...rest } = toStoredResult(result, 0)
    const body = JSON.stringify(rest)
    return [result.key, t, body === '{}' ? '}' : `,${body.slice(1)}`]
  })
  const entries = sql`
    select 1000000 + n as n,
           to_json(added.p ->> 0)::text || ':{"t":' || ((added.p ->> 1)::bigint - ${runs.startedAt})::text
             || (added.p ->> 2) as entry
      from json_array_elements(${JSON.stringify(added)}::json) with ordinality as added(p, n)`
  await writeRecord(db, runId, new Set(results.map((r) => r.key)), entries)
}

/** The run's record without `keys` (a re-run from a node drops what it recomputes). */
export async function forgetResults(db: PgQueries, runId: string, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await writeRecord(db, runId, new Set(keys))
}

async function writeRecord(db: PgQueries, runId: string, replaced: Set<string>, added?: SQL): Promise<void> {
  const kept = sql`
    select n, to_json(kept.key)::text || ':' || kept.value::text as entry
      from json_each(${runs.results}) with ordinality as kept(key, value, n)
     where not (kept.key = any(${sql.param([...replaced])}::text[]))`
  const merged = added ? sql`${kept} union all ${added}` : kept
  // Only a plain row: results saved after the run's end (a packed row) put it back as plain first.
  const write = () =>
    db
      .update(runs)
      .set({
        results: sql`(select ('{' || coalesce(string_agg(merged.entry, ',' order by merged.n), '') || '}')::json
                        from (${merged}) as merged)`,
      })
      .where(and(eq(runs.id, runId), isNull(runs.packed)))
      .returning({ id: runs.id })
  if ((await write()).length === 0 && (await unpackRow(db, runId))) await write()
}

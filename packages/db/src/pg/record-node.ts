import type { NodeResult } from '@zhiliu/engine'
import { sql } from 'drizzle-orm'
import { nodeResults } from '../schema/pg/index.ts'
import type { PgQueries } from './open-pg.ts'

/**
 * One statement for any number of results. Upsert, because recording a key again (a resumed or re-run node) replaces the earlier result. `input` and `output`
 * are written as SQL, not through the column: drizzle writes a JS null as SQL NULL, and a node that really output
 * null must read back as null, not as "no output" (see select-node-results.ts).
 */
export async function recordNodes(
  db: PgQueries,
  runId: string,
  results: readonly NodeResult[],
): Promise<void> {
  if (results.length === 0) return
  await db
    .insert(nodeResults)
    .values(
      results.map((r) => ({
        runId,
        key: r.key,
        nodeId: r.nodeId,
        status: r.status,
        ports: r.ports,
        input: jsonOrNone(r.input),
        output: jsonOrNone(r.output),
        error: r.error ?? null,
        attempts: r.attempts,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [nodeResults.runId, nodeResults.key],
      set: {
        nodeId: sql`excluded.node_id`,
        status: sql`excluded.status`,
        ports: sql`excluded.ports`,
        input: sql`excluded.input`,
        output: sql`excluded.output`,
        error: sql`excluded.error`,
        attempts: sql`excluded.attempts`,
        startedAt: sql`excluded.started_at`,
        finishedAt: sql`excluded.finished_at`,
      },
    })
}

function jsonOrNone(value: unknown) {
  return value === undefined ? null : sql`${JSON.stringify(value)}::json`
}

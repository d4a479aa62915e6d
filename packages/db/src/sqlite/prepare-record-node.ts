import { type Column, sql } from 'drizzle-orm'
import { nodeResults } from '../schema/sqlite/index.ts'
import type { SqliteDb } from './open-sqlite.ts'

const p = (name: string) => sql.placeholder(name)
const excluded = (column: Column) => sql.raw(`excluded."${column.name}"`)

/**
 * The engine's hot path, prepared once: building the query per call costs ~3× the insert itself. Upsert, because
 * recording a key again (a resumed or re-run node) replaces the earlier result.
 *
 * JSON columns are encoded by drizzle (JSON.stringify), which turns `undefined` into SQL NULL and `null` into the
 * text `null`, so a node that really output null reads back as null, not as "no output".
 */
export function prepareRecordNode(db: SqliteDb) {
  return db
    .insert(nodeResults)
    .values({
      runId: p('runId'),
      key: p('key'),
      nodeId: p('nodeId'),
      status: p('status'),
      ports: p('ports'),
      input: p('input'),
      output: p('output'),
      error: p('error'),
      attempts: p('attempts'),
      startedAt: p('startedAt'),
      finishedAt: p('finishedAt'),
    })
    .onConflictDoUpdate({
      target: [nodeResults.runId, nodeResults.key],
      set: {
        nodeId: excluded(nodeResults.nodeId),
        status: excluded(nodeResults.status),
        ports: excluded(nodeResults.ports),
        input: excluded(nodeResults.input),
        output: excluded(nodeResults.output),
        error: excluded(nodeResults.error),
        attempts: excluded(nodeResults.attempts),
        startedAt: excluded(nodeResults.startedAt),
        finishedAt: excluded(nodeResults.finishedAt),
      },
    })
    .prepare()
}

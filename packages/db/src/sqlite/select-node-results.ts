import type { NodeResult } from '@zhiliu/engine'
import { asc, eq, sql } from 'drizzle-orm'
import { nodeResults } from '../schema/sqlite/index.ts'
import type { SqliteDb } from './open-sqlite.ts'

// `input` and `output` are read as raw text because drizzle decodes both SQL NULL (nothing recorded) and the
// text `null` (a real null output) to null, and a resumed run must tell them apart.
const columns = {
  key: nodeResults.key,
  nodeId: nodeResults.nodeId,
  status: nodeResults.status,
  ports: nodeResults.ports,
  input: sql<string | null>`${nodeResults.input}`,
  output: sql<string | null>`${nodeResults.output}`,
  error: nodeResults.error,
  attempts: nodeResults.attempts,
  startedAt: nodeResults.startedAt,
  finishedAt: nodeResults.finishedAt,
}

/** A run's results in the order the nodes finished, shaped exactly as the engine recorded them. */
export function selectNodeResults(db: SqliteDb, runId: string): NodeResult[] {
  return db
    .select(columns)
    .from(nodeResults)
    .where(eq(nodeResults.runId, runId))
    .orderBy(asc(nodeResults.finishedAt), asc(nodeResults.startedAt), asc(nodeResults.key))
    .all()
    .map(({ input, output, error, ...rest }) => {
      const result: NodeResult = rest
      if (input !== null) result.input = JSON.parse(input)
      if (output !== null) result.output = JSON.parse(output)
      if (error !== null) result.error = error
      return result
    })
}

import type { NodeResult } from '@zhiliu/engine'
import { asc, eq, sql } from 'drizzle-orm'
import { nodeResults } from '../schema/pg/index.ts'
import type { PgDb } from './open-pg.ts'

// `input` and `output` are read as text because SQL NULL (nothing recorded) and the JSON `null` (a real null
// output) would both arrive as null, and a resumed run must tell them apart.
const columns = {
  key: nodeResults.key,
  nodeId: nodeResults.nodeId,
  status: nodeResults.status,
  ports: nodeResults.ports,
  input: sql<string | null>`${nodeResults.input}::text`,
  output: sql<string | null>`${nodeResults.output}::text`,
  error: nodeResults.error,
  attempts: nodeResults.attempts,
  startedAt: nodeResults.startedAt,
  finishedAt: nodeResults.finishedAt,
}

/** A run's results in the order the nodes finished, shaped exactly as the engine recorded them. */
export async function selectNodeResults(db: PgDb, runId: string): Promise<NodeResult[]> {
  const rows = await db
    .select(columns)
    .from(nodeResults)
    .where(eq(nodeResults.runId, runId))
    .orderBy(asc(nodeResults.finishedAt), asc(nodeResults.startedAt), asc(nodeResults.key))
  return rows.map(({ input, output, error, ...rest }) => {
    const result: NodeResult = rest
    if (input !== null) result.input = JSON.parse(input)
    if (output !== null) result.output = JSON.parse(output)
    if (error !== null) result.error = error
    return result
  })
}

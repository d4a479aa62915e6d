import { and, asc, desc, eq, getTableColumns, lt, or, sql } from 'drizzle-orm'
import { decodeRunCursor, encodeRunCursor, pageLimit } from '../page.ts'
import { INPUT_PREVIEW_CHARS } from '../rows.ts'
import { readRunRow, toRunSummary } from '../run-row.ts'
import { flows, runs, runsNotKept } from '../schema/pg/index.ts'
import { openRun } from '../schema/sqlite/index.ts'
import { ownedBy } from '../scope.ts'
import type { Store } from '../store.ts'
import type { PgDb } from './open-pg.ts'
import { selectNodeResults } from './select-node-results.ts'

const {
  event: _event,
  output: _output,
  document: _document,
  pausedBefore: _pausedBefore,
  results: _results,
  packed: _packed,
  ...runColumns
} = getTableColumns(runs)
// The start of the input is cut in the database: a list never reads whole request bodies.
// A packed run's is cut from its unpacked event instead (see run-row.ts); `packed` is selected for that only.
const summaryColumns = {
  ...runColumns,
  packed: runs.packed,
  inputPreview: sql<string | null>`left(${runs.event}->>'body', ${sql.raw(String(INPUT_PREVIEW_CHARS))})`,
}

type RunReadMethods = 'getRun' | 'listRuns' | 'listNodeResults' | 'listRunsWithStatus' | 'countRunsNotKept'

export function createPgRunQueries(db: PgDb): Pick<Store, RunReadMethods> {
  return {
    async getRun(access, id) {
      const [row] = await db
        .select()
        .from(runs)
        .where(and(eq(runs.id, id), ownedBy(runs.ownerId, access)))
      return row && readRunRow(row)
    },
    async listRuns(access, query = {}) {
      const limit = pageLimit(query.limit)
      const after = query.cursor === undefined ? undefined : decodeRunCursor(query.cursor)
      const rows = await db
        .select(summaryColumns)
        .from(runs)
        .where(
          and(
            ownedBy(runs.ownerId, access),
            query.flowId === undefined ? undefined : eq(runs.flowId, query.flowId),
            query.status === undefined ? undefined : eq(runs.status, query.status),
            query.parentRunId === undefined ? undefined : eq(runs.parentRunId, query.parentRunId),
            after &&
              or(
                lt(runs.startedAt, after.startedAt),
                and(eq(runs.startedAt, after.startedAt), lt(runs.id, after.id)),
              ),
          ),
        )
        .orderBy(desc(runs.startedAt), desc(runs.id))
        // One extra row says whether another page exists without counting.
        .limit(limit + 1)
      const items = rows.slice(0, limit).map(toRunSummary)
      const last = items.at(-1)
      return { items, nextCursor: rows.length > limit && last ? encodeRunCursor(last) : null }
    },
    async countRunsNotKept(access, flowId) {
      const [row] = await db
        .select({ total: sql<string | null>`sum(${runsNotKept.count})` })
        .from(runsNotKept)
        .innerJoin(flows, eq(flows.id, runsNotKept.flowId))
        .where(and(ownedBy(flows.ownerId, access), flowId === undefined ? undefined : eq(flows.id, flowId)))
      return Number(row?.total ?? 0)
    },
    async listNodeResults(access, runId) {
      const [run] = await db
        .select({ id: runs.id })
        .from(runs)
        .where(and(eq(runs.id, runId), ownedBy(runs.ownerId, access)))
      return run && selectNodeResults(db, runId)
    },
    async listRunsWithStatus(status) {
      // The literal term lets the planner use runs_open_idx with any plan of the statement.
      const rows = await db
        .select()
        .from(runs)
        .where(and(eq(runs.status, status), openRun(runs.status)))
        .orderBy(asc(runs.startedAt), asc(runs.id))
      return rows.map(readRunRow)
    },
  }
}

import type Database from 'better-sqlite3'
import { and, asc, desc, eq, getTableColumns, lt, or, sql } from 'drizzle-orm'
import { decodeRunCursor, encodeRunCursor, pageLimit } from '../page.ts'
import { INPUT_PREVIEW_CHARS } from '../rows.ts'
import { readRunRow, toRunSummary } from '../run-row.ts'
import { flows, openRun, runs, runsNotKept } from '../schema/sqlite/index.ts'
import { ownedBy } from '../scope.ts'
import type { Store } from '../store.ts'
import type { SqliteDb } from './open-sqlite.ts'
import { prepareSelectNodeResults } from './select-node-results.ts'

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
  inputPreview: sql<
    string | null
  >`substr(cast(json_extract(${runs.event}, '$.body') as text), 1, ${sql.raw(String(INPUT_PREVIEW_CHARS))})`,
}

type RunReadMethods = 'getRun' | 'listRuns' | 'listNodeResults' | 'listRunsWithStatus' | 'countRunsNotKept'

export function createSqliteRunQueries(db: SqliteDb, client: Database.Database): Pick<Store, RunReadMethods> {
  const selectNodeResults = prepareSelectNodeResults(client)
  return {
    async getRun(access, id) {
      const row = db
        .select()
        .from(runs)
        .where(and(eq(runs.id, id), ownedBy(runs.ownerId, access)))
        .get()
      return row && readRunRow(row)
    },
    async listRuns(access, query = {}) {
      const limit = pageLimit(query.limit)
      const after = query.cursor === undefined ? undefined : decodeRunCursor(query.cursor)
      const rows = db
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
        .all()
      const items = rows.slice(0, limit).map(toRunSummary)
      const last = items.at(-1)
      return { items, nextCursor: rows.length > limit && last ? encodeRunCursor(last) : null }
    },
    async countRunsNotKept(access, flowId) {
      const row = db
        .select({ total: sql<number | null>`sum(${runsNotKept.count})` })
        .from(runsNotKept)
        .innerJoin(flows, eq(flows.id, runsNotKept.flowId))
        .where(and(ownedBy(flows.ownerId, access), flowId === undefined ? undefined : eq(flows.id, flowId)))
        .get()
      return Number(row?.total ?? 0)
    },
    async listNodeResults(access, runId) {
      const run = db
        .select({ id: runs.id })
        .from(runs)
        .where(and(eq(runs.id, runId), ownedBy(runs.ownerId, access)))
        .get()
      return run && selectNodeResults(runId)
    },
    async listRunsWithStatus(status) {
      return (
        db
          .select()
          .from(runs)
          // Every status asked for is an open one; the term lets SQLite use runs_open_idx.
          .where(and(eq(runs.status, status), openRun(runs.status)))
          .orderBy(asc(runs.startedAt), asc(runs.id))
          .all()
          .map(readRunRow)
      )
    },
  }
}

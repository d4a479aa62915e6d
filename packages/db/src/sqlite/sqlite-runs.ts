import type Database from 'better-sqlite3'
import { and, eq, inArray } from 'drizzle-orm'
import { nodeResults } from '../schema/sqlite/index.ts'
import type { Store } from '../store.ts'
import { prepareHoldWaitingRun } from './hold-waiting-run.ts'
import type { SqliteDb } from './open-sqlite.ts'
import { prepareRecordNode } from './prepare-record-node.ts'
import { finishValues, prepareRunWrites } from './prepare-run-writes.ts'
import { selectNodeResults } from './select-node-results.ts'
import type { WriteBatcher } from './write-batcher.ts'

type RunWriteMethods =
  | 'createRun'
  | 'createRunRecord'
  | 'recordNode'
  | 'finishRun'
  | 'loadNodeResults'
  | 'deleteNodeResults'

/**
 * The engine-facing half of runs: unscoped, called with ids the server already checked or created. The four writes
 * every run makes go through the group commit (see write-batcher.ts).
 */
export function createSqliteRuns(
  db: SqliteDb,
  client: Database.Database,
  batcher: WriteBatcher,
): Pick<Store, RunWriteMethods> {
  const recordNode = prepareRecordNode(client)
  const writes = prepareRunWrites(db)
  const holdWaiting = prepareHoldWaitingRun(client)
  return {
    createRunRecord: (run) =>
      batcher.write(() => {
        writes.register.run({
          id: run.id,
          flowId: run.flowId ?? null,
          flowVersion: run.flowVersion ?? null,
          ownerId: run.ownerId,
          trigger: run.trigger,
          status: run.status,
          event: run.event,
          parentRunId: run.parentRunId ?? null,
          document: run.document ?? undefined,
          startedAt: run.startedAt,
        })
      }),
    createRun: (run) =>
      batcher.write(() => {
        const { id, status, event, startedAt } = run
        writes.start.run({
          id,
          status,
          event,
          startedAt,
          flowId: run.flowId ?? null,
          flowVersion: run.flowVersion ?? null,
        })
      }),
    recordNode: (runId, result) => batcher.write(() => recordNode(runId, result)),
    finishRun: (runId, outcome) =>
      batcher.write(() => {
        if (outcome.status === 'waiting') holdWaiting(runId)
        else writes.finish.run(finishValues(runId, outcome))
      }),
    async loadNodeResults(runId) {
      return selectNodeResults(db, runId)
    },
    async deleteNodeResults(runId, keys) {
      if (keys.length === 0) return
      db.delete(nodeResults)
        .where(and(eq(nodeResults.runId, runId), inArray(nodeResults.key, [...keys])))
        .run()
    },
  }
}

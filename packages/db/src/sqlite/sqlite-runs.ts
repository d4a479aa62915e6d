import type Database from 'better-sqlite3'
import { and, eq, inArray } from 'drizzle-orm'
import { pausedPoint } from '../pause-store.ts'
import type { RunLeaseStore } from '../run-lease-store.ts'
import { nodeResults } from '../schema/sqlite/index.ts'
import type { Store } from '../store.ts'
import { prepareHoldWaitingRun } from './hold-waiting-run.ts'
import type { SqliteDb } from './open-sqlite.ts'
import { prepareRecordNode } from './prepare-record-node.ts'
import { prepareRunWrites } from './prepare-run-writes.ts'
import { selectNodeResults } from './select-node-results.ts'
import { prepareHoldPausedRun } from './sqlite-pauses.ts'
import { createSqliteRunLeases } from './sqlite-run-leases.ts'
import type { WriteBatcher } from './write-batcher.ts'

type RunWriteMethods =
  | 'createRun'
  | 'createRunRecord'
  | 'recordNode'
  | 'saveResults'
  | 'finishRun'
  | 'loadNodeResults'
  | 'deleteNodeResults'
  | keyof RunLeaseStore

/**
 * The engine-facing half of runs: unscoped, called with ids the server already checked or created. Every write goes
 * through the group commit (see write-batcher.ts); a checkpoint or an end with its results is one transaction.
 */
export function createSqliteRuns(
  db: SqliteDb,
  client: Database.Database,
  batcher: WriteBatcher,
): Pick<Store, RunWriteMethods> {
  const recordNode = prepareRecordNode(client)
  const writes = prepareRunWrites(client)
  const holdWaiting = prepareHoldWaitingRun(client)
  const holdPaused = prepareHoldPausedRun(client)
  const { checkFence, ...leases } = createSqliteRunLeases(client)
  return {
    ...leases,
    createRunRecord: (run) => batcher.write(() => writes.register(run)),
    createRun: (run, fence) =>
      batcher.write(() => {
        checkFence(run.id, fence)
        writes.start(run)
      }),
    recordNode: (runId, result, fence) =>
      batcher.write(() => {
        checkFence(runId, fence)
        recordNode(runId, result)
      }),
    saveResults: (runId, results, fence) =>
      batcher.write(() => {
        checkFence(runId, fence)
        for (const result of results) recordNode(runId, result)
      }),
    finishRun: (runId, outcome, results = [], fence) =>
      batcher.write(() => {
        checkFence(runId, fence)
        if (outcome.status === 'waiting' || outcome.status === 'paused') {
          // Whether the run stays open depends on its results: they go first.
          for (const result of results) recordNode(runId, result)
          if (outcome.status === 'waiting') holdWaiting(runId)
          else holdPaused(runId, pausedPoint(outcome.paused))
        } else if (writes.finish(runId, outcome)) {
          for (const result of results) recordNode(runId, result)
        }
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

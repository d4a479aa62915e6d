import { and, eq, inArray } from 'drizzle-orm'
import { nodeResults, runs } from '../schema/sqlite/index.ts'
import type { Store } from '../store.ts'
import type { SqliteDb } from './open-sqlite.ts'
import { prepareRecordNode } from './prepare-record-node.ts'
import { selectNodeResults } from './select-node-results.ts'

type RunWriteMethods =
  | 'createRun'
  | 'createRunRecord'
  | 'recordNode'
  | 'finishRun'
  | 'loadNodeResults'
  | 'deleteNodeResults'

/** The engine-facing half of runs: unscoped, called with ids the server already checked or created. */
export function createSqliteRuns(db: SqliteDb): Pick<Store, RunWriteMethods> {
  const recordNode = prepareRecordNode(db)
  return {
    async createRunRecord(run) {
      db.insert(runs)
        .values({
          id: run.id,
          flowId: run.flowId ?? null,
          flowVersion: run.flowVersion ?? null,
          ownerId: run.ownerId,
          trigger: run.trigger,
          status: run.status,
          event: run.event,
          parentRunId: run.parentRunId ?? null,
          document: run.document ?? null,
          startedAt: run.startedAt,
        })
        .run()
    },
    async createRun(run) {
      // A row registered by createRunRecord keeps its owner, trigger and start; the engine only moves it on.
      db.insert(runs)
        .values({
          id: run.id,
          flowId: run.flowId ?? null,
          flowVersion: run.flowVersion ?? null,
          trigger: 'manual',
          status: run.status,
          event: run.event,
          startedAt: run.startedAt,
        })
        .onConflictDoUpdate({
          target: runs.id,
          set: { status: run.status, output: null, error: null, finishedAt: null },
        })
        .run()
    },
    async recordNode(runId, result) {
      // Every placeholder needs a key, even when the optional field is absent.
      const { input, output, error } = result
      recordNode.run({ ...result, runId, input, output, error })
    },
    async finishRun(runId, outcome) {
      db.update(runs)
        .set({
          status: outcome.status,
          output: outcome.output ?? null,
          error: outcome.error ?? null,
          finishedAt: outcome.finishedAt,
        })
        .where(eq(runs.id, runId))
        .run()
    },
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

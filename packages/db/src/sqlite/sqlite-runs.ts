import type Database from 'better-sqlite3'
import { pausedPoint } from '../pause-store.ts'
import type { RunLeaseStore } from '../run-lease-store.ts'
import type { DeliveryClaim, Store } from '../store.ts'
import { prepareHoldWaitingRun } from './hold-waiting-run.ts'
import { preparePackedRow } from './prepare-packed-row.ts'
import { prepareRecordRun } from './prepare-record-run.ts'
import { prepareRunWrites } from './prepare-run-writes.ts'
import { prepareForgetResults, prepareSaveResults } from './prepare-save-results.ts'
import { prepareSelectNodeResults } from './select-node-results.ts'
import { prepareHoldPausedRun } from './sqlite-pauses.ts'
import { createSqliteRunLeases } from './sqlite-run-leases.ts'
import type { WriteBatcher } from './write-batcher.ts'

type RunWriteMethods =
  | 'createRun'
  | 'createRunRecord'
  | 'recordRun'
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
  client: Database.Database,
  batcher: WriteBatcher,
): Pick<Store, RunWriteMethods> {
  const saveResults = prepareSaveResults(client)
  const forgetResults = prepareForgetResults(client)
  const selectNodeResults = prepareSelectNodeResults(client)
  const writes = prepareRunWrites(client)
  const packedRow = preparePackedRow(client)
  const holdWaiting = prepareHoldWaitingRun(client)
  const recordRun = prepareRecordRun(client)
  const holdPaused = prepareHoldPausedRun(client)
  const { checkFence, ...leases } = createSqliteRunLeases(client)
  return {
    ...leases,
    createRunRecord: (run) => batcher.write(() => writes.register(run)),
    async recordRun(run, write = {}) {
      let claim: DeliveryClaim = { claimed: true }
      // Assigned, not accumulated: a batch that is rolled back runs each write again on its own.
      await batcher.write(() => {
        claim = recordRun(run, write)
      })
      return claim
    },
    createRun: (run, fence) =>
      batcher.write(() => {
        checkFence(run.id, fence)
        writes.start(run)
      }),
    recordNode: (runId, result, fence) =>
      batcher.write(() => {
        checkFence(runId, fence)
        saveResults(runId, [result])
      }),
    saveResults: (runId, results, fence) =>
      batcher.write(() => {
        checkFence(runId, fence)
        saveResults(runId, results)
      }),
    finishRun: (runId, outcome, results = [], fence) =>
      batcher.write(() => {
        checkFence(runId, fence)
        if (outcome.status !== 'waiting' && outcome.status !== 'paused')
          return writes.finish(runId, outcome, results)
        // The results go first: whether a waiting run stays open depends on them. The row stays open, so plain.
        packedRow.unpack(runId)
        saveResults(runId, results)
        if (outcome.status === 'waiting') holdWaiting(runId)
        else holdPaused(runId, pausedPoint(outcome.paused))
      }),
    async loadNodeResults(runId) {
      return selectNodeResults(runId)
    },
    async deleteNodeResults(runId, keys) {
      forgetResults(runId, keys)
    },
  }
}

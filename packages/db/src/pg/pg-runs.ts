import { pausedPoint } from '../pause-store.ts'
import type { RunLeaseStore } from '../run-lease-store.ts'
import type { Store } from '../store.ts'
import { holdWaitingRun } from './hold-waiting-run.ts'
import type { PgDb } from './open-pg.ts'
import { unpackRow } from './packed-row.ts'
import { holdPausedRun } from './pg-pauses.ts'
import { createPgRunLeases, withFence } from './pg-run-leases.ts'
import { createRecordRun } from './record-run.ts'
import { createRunWrites } from './run-writes.ts'
import { forgetResults, saveResults } from './save-results.ts'
import { selectNodeResults } from './select-node-results.ts'

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
 * The engine-facing half of runs: unscoped, called with ids the server already checked or created. Each write is
 * one statement on a pooled connection; PostgreSQL's commit is cheap next to SQLite's WAL commit, so there is no
 * group commit here (see write-batcher.ts for why SQLite has one).
 */
export function createPgRuns(db: PgDb): Pick<Store, RunWriteMethods> {
  const writes = createRunWrites(db)
  return {
    ...createPgRunLeases(db),
    createRunRecord: (run) => writes.register(run),
    recordRun: createRecordRun(db),
    createRun: (run, fence) => withFence(db, run.id, fence, (q) => createRunWrites(q).start(run)),
    recordNode: (runId, result, fence) => withFence(db, runId, fence, (q) => saveResults(q, runId, [result])),
    saveResults: (runId, results, fence) =>
      withFence(db, runId, fence, (q) => saveResults(q, runId, results)),
    // An end is one transaction (see run-writes.ts); a waiting or paused end saves its results, then holds the run.
    finishRun: (runId, outcome, results = [], fence) =>
      withFence(db, runId, fence, async (q) => {
        if (outcome.status !== 'waiting' && outcome.status !== 'paused')
          return createRunWrites(q).finish(runId, outcome, results)
        // The run stays open, so plain; its results go first: whether it stays waiting depends on them.
        await unpackRow(q, runId)
        await saveResults(q, runId, results)
        if (outcome.status === 'waiting') await holdWaitingRun(q, runId)
        else await holdPausedRun(q, runId, pausedPoint(outcome.paused))
      }),
    loadNodeResults: (runId) => selectNodeResults(db, runId),
    deleteNodeResults: (runId, keys) => forgetResults(db, runId, keys),
  }
}

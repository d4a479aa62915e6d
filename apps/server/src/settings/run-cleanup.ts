import type { Store } from '@zhiliu/db'
import type { Logger } from 'pino'
import { readRunHistoryBudget } from '../storage/run-history-budget.ts'
import type { StorageMonitor } from '../storage/storage-monitor.ts'
import { readRunRetention } from './run-retention.ts'

const DAY_MS = 24 * 3600_000
// Continuous: a busy server adds thousands of runs between passes an hour apart; every 5 s it adds few.
const CLEAN_EVERY_MS = 5_000
// Runs per transaction: each commit stays a few milliseconds, so webhook calls keep flowing during a big clean-up
// (`npm run bench -- prune` measures what a batch costs).
const BATCH = 200
// Pruning for size stops at 90 % of the budget, so it runs in a few large passes rather than one per new run.
const LOW_WATER = 0.9
const END_OF_TIME = Number.MAX_SAFE_INTEGER
const MAX_ROUNDS = 5

export interface RunCleanupParts {
  store: Pick<
    Store,
    'getSetting' | 'deleteEndedRuns' | 'runHistoryBytes' | 'measureRunHistory' | 'reclaimRunSpace'
  >
  logger: Logger
  now: () => number
  /** Told the history's size at every pass (metrics, readiness). */
  storage?: Pick<StorageMonitor, 'record'>
}

/**
 * One pass: deletes ended runs older than the retention setting, then — when the history is past its size budget —
 * the oldest ended runs until it is back under 90 % of it. Waiting, queued and running runs are never deleted.
 * Batches with a turn of the event loop between them. Resolves with how many runs went. Two calls at once share one
 * pass.
 */
export function createRunCleanup(parts: RunCleanupParts, batch = BATCH): () => Promise<number> {
  const { store, logger } = parts
  // The smallest size measured since the last prune in this process (0 before the first). PostgreSQL's tables keep
  // their size after a prune while new runs fill the freed space: pruning again before they grow past it would
  // delete runs for nothing.
  let floor = 0
  let running: Promise<number> | undefined

  const deleteBefore = async (startedBefore: number, most: number) => {
    let deleted = 0
    while (deleted < most) {
      const removed = await store.deleteEndedRuns({ startedBefore, limit: Math.min(batch, most - deleted) })
      deleted += removed
      if (removed === 0) break
      await new Promise((resolve) => setImmediate(resolve))
    }
    return deleted
  }

  // Bytes at every pass; the rows are counted (slow on a large history) only when there is pruning to do.
  const measure = async (maxBytes: number) => {
    const bytes = await store.runHistoryBytes()
    parts.storage?.record({ bytes, maxBytes, at: parts.now() })
    return bytes
  }
  const count = async (maxBytes: number) => {
    const size = await store.measureRunHistory({ since: parts.now() - DAY_MS })
    parts.storage?.record({ bytes: size.bytes, maxBytes, at: parts.now() })
    return size
  }

  const pruneForAge = async () => {
    const { days } = await readRunRetention(store)
    if (days === 0) return 0
    const deleted = await deleteBefore(parts.now() - days * DAY_MS, Number.POSITIVE_INFINITY)
    if (deleted > 0) logger.info({ runs: deleted, days }, 'deleted runs older than the retention period')
    return deleted
  }

  const pruneForSize = async () => {
    const { maxBytes } = await readRunHistoryBudget(store)
    const bytes = await measure(maxBytes)
    if (maxBytes === 0 || bytes <= maxBytes || bytes <= floor) {
      floor = Math.min(floor, bytes)
      return 0
    }
    let size = await count(maxBytes)
    const first = size.bytes
    let deleted = 0
    // The average run is an estimate (other tables count in the size), so a pass measures again and goes on while
    // deleting shrinks the history. PostgreSQL's size does not shrink at once: there it is one round.
    for (let round = 0; round < MAX_ROUNDS && size.bytes > maxBytes * LOW_WATER && size.runs > 0; round++) {
      const perRun = size.bytes / size.runs
      const removed = await deleteBefore(END_OF_TIME, Math.ceil((size.bytes - maxBytes * LOW_WATER) / perRun))
      deleted += removed
      await store.reclaimRunSpace()
      const before = size.bytes
      size = await count(maxBytes)
      if (removed === 0 || size.bytes >= before) break
    }
    floor = size.bytes
    logger.info(
      { runs: deleted, bytes: first, maxBytes, after: size.bytes },
      'deleted the oldest runs to keep the run history under its size budget',
    )
    return deleted
  }

  const clean = async () => (await pruneForAge()) + (await pruneForSize())
  return () => {
    running ??= clean().finally(() => {
      running = undefined
    })
    return running
  }
}

/** Cleans at start and then every 5 seconds. Returns the stop function. */
export function startRunCleanup(parts: RunCleanupParts, everyMs = CLEAN_EVERY_MS): () => void {
  const clean = createRunCleanup(parts)
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  // The next pass is timed from the end of this one, so a long prune never has passes queueing behind it.
  const tick = () => {
    clean()
      .catch((err: unknown) => parts.logger.error({ err }, 'deleting old runs failed'))
      .finally(() => {
        if (stopped) return
        timer = setTimeout(tick, everyMs)
        timer.unref()
      })
  }
  tick()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}

import type { Store } from '@zhiliu/db'
import type { Logger } from 'pino'
import { readRunRetention } from './run-retention.ts'

const DAY_MS = 24 * 3600_000
const CLEAN_EVERY_MS = 3600_000
// Runs per transaction: each commit stays a few milliseconds, so webhook calls keep flowing during a big clean-up.
const BATCH = 200

export interface RunCleanupParts {
  store: Pick<Store, 'getSetting' | 'deleteEndedRuns'>
  logger: Logger
  now: () => number
}

/**
 * Deletes ended runs older than the retention setting, in small batches with a turn of the event loop between them.
 * Resolves with how many runs went. Two calls at once share one clean-up.
 */
export function createRunCleanup(parts: RunCleanupParts, batch = BATCH): () => Promise<number> {
  let running: Promise<number> | undefined
  const clean = async () => {
    const { days } = await readRunRetention(parts.store)
    if (days === 0) return 0
    const startedBefore = parts.now() - days * DAY_MS
    let deleted = 0
    for (;;) {
      const removed = await parts.store.deleteEndedRuns({ startedBefore, limit: batch })
      deleted += removed
      if (removed < batch) break
      await new Promise((resolve) => setImmediate(resolve))
    }
    if (deleted > 0)
      parts.logger.info({ runs: deleted, days }, 'deleted runs older than the retention period')
    return deleted
  }
  return () => {
    running ??= clean().finally(() => {
      running = undefined
    })
    return running
  }
}

/** Cleans once at start and then every hour. Returns the stop function. */
export function startRunCleanup(parts: RunCleanupParts, everyMs = CLEAN_EVERY_MS): () => void {
  const clean = createRunCleanup(parts)
  const tick = () => {
    clean().catch((err: unknown) => parts.logger.error({ err }, 'deleting old runs failed'))
  }
  tick()
  const timer = setInterval(tick, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}

import type { LiveRuns } from './live-runs.ts'
import type { RunService } from './run-service.ts'
import { keyReused } from './start-run.ts'

/**
 * `RunService.startAndWait`, a sync webhook call: the run starts with its row written late (`defer`, see
 * deferred-registration.ts) and the caller waits for its answer. The row is written before the wait gives up (the
 * caller then gets a status URL to read it at); when another process's run took the idempotency key first, that run
 * is the one waited for, as a duplicate's caller would be.
 */
export function createStartAndWait(parts: {
  start: RunService['start']
  waitFor: RunService['waitFor']
  live: LiveRuns
}): RunService['startAndWait'] {
  const { start, waitFor, live } = parts
  return async (request, options) => {
    const started = await start({ ...request, defer: true })
    const wait = await waitFor(started.runId, options)
    // The run waited on (this call's, or a duplicate's executing here) may have been written late, or not at all.
    const deferred = live.get(started.runId)?.deferred
    if (deferred && wait.state === 'timeout' && deferred.pending) {
      const executing = live.get(started.runId)?.controller ? 'running' : 'queued'
      await deferred.register(executing).catch((error: unknown) => {
        if (!deferred.lostTo) throw error
      })
    }
    const holder = deferred?.lostTo
    if (!holder) return { ...started, wait }
    if (holder.requestHash !== null && holder.requestHash !== request.idempotency?.requestHash)
      throw keyReused()
    return { runId: holder.runId, existing: true, wait: await waitFor(holder.runId, options) }
  }
}

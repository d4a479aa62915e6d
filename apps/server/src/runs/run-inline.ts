import { RunJobDeferred, type RunJobHandler } from '@zhiliu/engine'
import type { Logger } from 'pino'
import { ApiError } from '../http/api-error.ts'
import type { RunService } from './run-service.ts'

/** The shutdown signal of a caller that has none: never aborted. */
const NEVER = new AbortController().signal

/** How long a called flow's end is waited for once it executes elsewhere; the calling node's timeout is shorter. */
const INLINE_WAIT_MS = 60 * 60_000

/**
 * `RunService.runInline`, a called flow (flow.call, an agent's flow tool): started without enqueueing, executed by
 * the caller's own job, cancelled when the caller's signal aborts, and waited for to its end or a pause.
 */
export function createRunInline(parts: {
  start: RunService['start']
  execute: RunJobHandler
  waitFor: RunService['waitFor']
  /** Cancels the child as the system would (its caller was stopped). */
  cancel: (runId: string) => Promise<unknown>
  logger: Logger
}): RunService['runInline'] {
  const { start, execute, waitFor, cancel, logger } = parts
  return async (request, signal, { shutdown = NEVER, onStarted } = {}) => {
    const { runId } = await start({ ...request, inline: true })
    onStarted?.(runId)
    // The job's own signal is the parent's shutdown only: were it the parent's node signal, a cancelled parent
    // would look like a process stopping, and in queue mode its child would be handed back, left `running`.
    const stop = () => {
      if (shutdown.aborted) return
      cancel(runId).catch((err: unknown) => {
        if (!(err instanceof ApiError)) logger.warn({ err, runId }, 'could not cancel a called flow')
      })
    }
    if (signal.aborted) stop()
    else signal.addEventListener('abort', stop, { once: true })
    try {
      // Returns at once for a run that ended already, executes elsewhere, or was just cancelled.
      await execute({ runId, resume: true }, shutdown)
    } catch (error) {
      // Queue mode: another worker holds the run's lease and executes it; wait for it below.
      if (!(error instanceof RunJobDeferred)) throw error
    } finally {
      signal.removeEventListener('abort', stop)
    }
    // A child stopped for a person answers at once: its caller waits with it rather than holding the job.
    return {
      runId,
      wait: await waitFor(runId, { until: 'finish', timeoutMs: INLINE_WAIT_MS, orPause: true }),
    }
  }
}

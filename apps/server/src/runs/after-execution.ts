import type { Store } from '@zhiliu/db'
import { isPaused, type RunOutcome } from '@zhiliu/engine'
import type { Logger } from 'pino'
import type { LiveRun } from './live-runs.ts'
import { handedBack, type RunOwnership } from './run-lease.ts'
import { SYSTEM_ACCESS } from './system-access.ts'
import type { WakeCaller } from './wake-caller.ts'

export interface AfterExecutionParts {
  store: Store
  logger: Logger
  /** Enqueues the run again: an approval was decided while it executed, so it ended queued (see ApprovalStore). */
  requeue(runId: string): Promise<void>
  ownership?: RunOwnership
  /** Told when a run ended, so a parent waiting on it as a called flow goes on (see wake-caller.ts). */
  callers: Pick<WakeCaller, 'childEnded'>
}

/**
 * What follows once the engine returned: a run left waiting goes on if it was decided meanwhile; a run that ended
 * wakes the flow that called it. A paused run or one handed back at shutdown has not ended.
 */
export function createAfterExecution(parts: AfterExecutionParts) {
  const continueIfDecided = async (runId: string) => {
    const row = await parts.store.getRun(SYSTEM_ACCESS, runId)
    if (row?.status !== 'queued') return
    // Shutting down: the run stays queued and recovery at the next start resumes it.
    await parts.requeue(runId).catch(() => {})
  }

  return async (run: LiveRun, result: RunOutcome, shutdown: AbortSignal) => {
    if (result.status === 'waiting') await continueIfDecided(run.runId)
    else if (!isPaused(result.status) && !handedBack(parts.ownership, result, shutdown)) {
      const { start } = run
      const child = { runId: run.runId, trigger: start.trigger, parentRunId: start.parentRunId }
      await parts.callers
        .childEnded(child)
        .catch((err: unknown) => parts.logger.warn({ err, runId: run.runId }, 'waking the caller failed'))
    }
  }
}

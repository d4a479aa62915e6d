import type { Store } from '@zhiliu/db'
import { isPaused, type RunEventBus, type RunOutcome } from '@zhiliu/engine'
import type { LiveRun, LiveRuns } from './live-runs.ts'
import type { DocumentSource } from './run-documents.ts'
import { type ObservedRun, observedRow, type RunObserver } from './run-observer.ts'
import { SYSTEM_ACCESS } from './system-access.ts'

export interface ReopenRunParts {
  store: Store
  live: LiveRuns
  bus: RunEventBus
  documents: DocumentSource
  observer: RunObserver
  now: () => number
}

/**
 * A run this process did not start (recovery after a restart): read it back from the store. Undefined when there is
 * nothing to execute: the run ended, or its flow version is gone (then it is recorded failed, DOCUMENT_MISSING).
 */
export function createReopenRun(parts: ReopenRunParts) {
  const { store, live, bus, observer } = parts

  const failUnstartable = async (run: ObservedRun, runId: string, code: string, message: string) => {
    const outcome: RunOutcome = { status: 'failed', error: { code, message }, finishedAt: parts.now() }
    await store.finishRun(runId, outcome)
    const event = { type: 'run.finished', runId, outcome, at: outcome.finishedAt } as const
    bus.publish(event)
    observer.event(event, run)
  }

  return async (runId: string): Promise<LiveRun | undefined> => {
    const row = await store.getRun(SYSTEM_ACCESS, runId)
    if (!row || (row.status !== 'queued' && row.status !== 'running')) return undefined
    const document = await parts.documents.forRun(row)
    if (!document) {
      await failUnstartable(
        observedRow(row),
        runId,
        'DOCUMENT_MISSING',
        'the flow version this run belongs to no longer exists',
      )
      return undefined
    }
    const { ownerId, flowId, flowVersion, trigger, event } = row
    const pause = row.pauseRules ?? undefined
    const start = { ownerId: ownerId ?? '', flowId, flowVersion, document, trigger, event, pause }
    const existing = live.get(runId)
    if (existing && !endedWaiting(existing)) return existing
    const reopened = row.parentRunId ? { ...start, parentRunId: row.parentRunId } : start
    return live.open(runId, reopened, true, row.startedAt)
  }
}

/** The entry holds an execution that ended paused (approval, send to confirm); a decision since resumes it. */
export function endedWaiting(run: LiveRun): boolean {
  const status = run.outcome?.status
  return status !== undefined && isPaused(status)
}

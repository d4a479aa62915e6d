import type { Store } from '@zhiliu/db'
import {
  type OutputLimits,
  type RunEvent,
  type RunEventBus,
  type RunJob,
  type RunJobHandler,
  type RunOutcome,
  type RunServices,
  runFlow,
} from '@zhiliu/engine'
import {
  type AnyNodeDefinition,
  type ExpressionEvaluator,
  type NodeRegistry,
  toErrorInfo,
} from '@zhiliu/nodes'
import type { Logger } from 'pino'
import type { Redactor } from '../security/redact.ts'
import { createAfterExecution } from './after-execution.ts'
import { createExecutionRunStore, type Execution } from './execution-run-store.ts'
import { executeUnderLeases } from './leased-executions.ts'
import type { LiveRuns } from './live-runs.ts'
import { createReopenRun, endedWaiting } from './reopen-run.ts'
import { createResultWrites, respondWhenStored } from './respond-when-stored.ts'
import type { DocumentSource } from './run-documents.ts'
import type { RunIdentity } from './run-identity.ts'
import { handedBack, isStaleFence, type RunLease, type RunOwnership } from './run-lease.ts'
import type { RunObserver } from './run-observer.ts'
import { createRunRedaction } from './run-redaction.ts'
import type { WakeCaller } from './wake-caller.ts'

export interface ExecutorParts {
  store: Store
  live: LiveRuns
  bus: RunEventBus
  documents: DocumentSource
  definitions: readonly AnyNodeDefinition[]
  registry: NodeRegistry
  /** Renders what stored results leave out (see stored-results.ts). */
  expressions: ExpressionEvaluator
  servicesFor(run: RunIdentity): RunServices
  redactor: Redactor
  limits: OutputLimits
  logger: Logger
  now: () => number
  observer: RunObserver
  /** Enqueues the run again: an approval was decided while it executed, so it ended queued (see ApprovalStore). */
  requeue(runId: string): Promise<void>
  /**
   * Queue mode: claim each run before executing it and fence every write (see RunLeaseStore); a run stopped by
   * shutdown is left as it is for another worker instead of being recorded INTERRUPTED.
   */
  ownership?: RunOwnership
  /** How long a paused run waits to be continued; stored with the pause, so every process honours it. */
  pauseIdleMs: number
  /** Told when a run ended, so a parent waiting on it as a called flow goes on (see wake-caller.ts). */
  callers: Pick<WakeCaller, 'childEnded'>
}

/**
 * The queue's worker: executes one queued run. A run recovered after a crash, or a re-run with copied results, is
 * executed with `resume`: its recorded nodes are not run again. What nodes produce is redacted before it is stored
 * or announced.
 */
export function createRunExecutor(parts: ExecutorParts): RunJobHandler {
  const { store, live, bus, redactor, observer } = parts
  const { redactResult, publicEvent } = createRunRedaction(redactor)
  const { createRun, runStoreFor } = createExecutionRunStore(parts, redactResult)
  const reopen = createReopenRun(parts)
  const afterExecution = createAfterExecution(parts)

  const onEvent = ({ run, shutdown, writes, lease }: Execution, event: RunEvent) => {
    // Another worker owns the run now (or will, after shutdown): it announces what happens from here.
    if (lease?.lost.aborted) return
    if (event.type === 'run.finished' && handedBack(parts.ownership, event.outcome, shutdown)) return
    const visible = publicEvent(event, shutdown)
    live.record(run, visible)
    bus.publish(visible)
    observer.event(visible, run)
    if (visible.type === 'node.finished') {
      const { result } = visible
      if (!run.response && result.status === 'succeeded' && run.respondIds.has(result.key)) {
        respondWhenStored(run, result.output, writes)
      }
    } else if (visible.type === 'run.finished') {
      live.finish(run, visible.outcome)
    }
  }

  const execute = async (job: RunJob, shutdown: AbortSignal, lease?: RunLease) => {
    const held = live.get(job.runId)
    // A run that ended waiting and was decided since gets a fresh entry: the old one holds the last execution.
    const run = held && !endedWaiting(held) ? held : await reopen(job.runId)
    // Already executing here: a second job for the run (queue mode) has nothing to do.
    if (!run || run.cancelled || run.outcome || run.controller) return
    const controller = new AbortController()
    run.controller = controller
    lease?.lost.addEventListener('abort', () => controller.abort(lease.lost.reason), { once: true })
    // One signal for the engine: cheaper than AbortSignal.any, and the job's signal ends with the job anyway.
    const onShutdown = () => controller.abort(shutdown.reason)
    if (shutdown.aborted) onShutdown()
    else shutdown.addEventListener('abort', onShutdown, { once: true })
    const { start } = run
    const execution: Execution = { run, shutdown, writes: createResultWrites(), lease }
    const identity = {
      runId: run.runId,
      ownerId: start.ownerId,
      flowId: start.flowId,
      trigger: start.trigger,
      settings: start.document.settings,
      draft: start.flowVersion === null,
      resume: run.resume,
      shutdown,
    }
    try {
      const record = {
        id: run.runId,
        flowId: start.flowId ?? undefined,
        flowVersion: start.flowVersion ?? undefined,
        event: start.event,
      }
      // A resumed run is marked running here; a fresh one by the engine, which has nothing to read back first.
      if (run.resume) await createRun({ ...record, status: 'running', startedAt: parts.now() }, lease?.fence)
      const result = await runFlow({
        ...record,
        flow: start.document,
        runId: run.runId,
        store: runStoreFor(execution),
        resume: run.resume,
        signal: controller.signal,
        onEvent: (event) => onEvent(execution, event),
        services: parts.servicesFor(identity),
        definitions: parts.definitions,
        limits: parts.limits,
        pause: start.pause,
      })
      await afterExecution(run, result, shutdown)
    } catch (error) {
      if (lease?.lost.aborted || isStaleFence(error)) {
        // Another worker claimed the run (this one stalled past its lease): it goes on from the recorded results.
        parts.logger.warn({ runId: run.runId }, 'run taken over by another worker; stopped here')
        live.drop(run.runId)
        return
      }
      if (run.deferred?.lostTo) {
        // Another process stored a run under the same key first: the caller is given that one (RunService.startAndWait).
        parts.logger.info(
          { runId: run.runId },
          'idempotency key taken by another run; stopped before storing',
        )
        return
      }
      // The engine could not go on (a store failure): it tried to record that already; make sure of it.
      parts.logger.error({ err: redactor.redact(error), runId: run.runId }, 'run crashed')
      if (!run.outcome) {
        const outcome: RunOutcome = { status: 'failed', error: toErrorInfo(error), finishedAt: parts.now() }
        const end = redactor.redact(outcome) as RunOutcome
        const ending = run.deferred
          ? run.deferred.finishRun(run.runId, end, [])
          : store.finishRun(run.runId, end, [], lease?.fence)
        await ending.catch(() => {})
        onEvent(execution, { type: 'run.finished', runId: run.runId, outcome, at: outcome.finishedAt })
      }
    } finally {
      shutdown.removeEventListener('abort', onShutdown)
      run.controller = null
      // Handed back at shutdown: not finished here, so no entry claims it is still executing.
      if (!run.outcome && lease) live.drop(run.runId)
    }
  }

  const { ownership } = parts
  if (!ownership) return (job, shutdown) => execute(job, shutdown)
  return executeUnderLeases({ ...parts, ownership }, execute)
}

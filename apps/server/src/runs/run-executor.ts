import { isStorageFull, type Store, StoreError } from '@zhiliu/db'
import {
  isPaused,
  type NodeResult,
  type OutputLimits,
  type RunEvent,
  type RunEventBus,
  type RunJob,
  type RunJobHandler,
  type RunOutcome,
  type RunRecord,
  type RunServices,
  type RunStore,
  runFlow,
} from '@zhiliu/engine'
import {
  type AnyNodeDefinition,
  type ExpressionEvaluator,
  type NodeRegistry,
  type TriggerEvent,
  toErrorInfo,
  ZhiliuError,
} from '@zhiliu/nodes'
import type { Logger } from 'pino'
import type { Redactor } from '../security/redact.ts'
import { finalOutcome } from './final-outcome.ts'
import type { LiveRun, LiveRuns } from './live-runs.ts'
import { withPauseDeadline } from './pause-deadline.ts'
import { createResultWrites, type ResultWrites, respondWhenStored } from './respond-when-stored.ts'
import type { DocumentSource } from './run-documents.ts'
import type { RunIdentity } from './run-identity.ts'
import { claimRunLease, type RunLease, type RunOwnership } from './run-lease.ts'
import { type ObservedRun, observedRow, type RunObserver } from './run-observer.ts'
import { createRunRedaction } from './run-redaction.ts'
import { completeResults, slimResult } from './stored-results.ts'
import { SYSTEM_ACCESS } from './system-access.ts'
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

  /** Queue mode, stopped by shutdown: the run goes back to the queue as it is, so its end is not recorded here. */
  const handedBack = (outcome: RunOutcome, shutdown: AbortSignal) =>
    parts.ownership !== undefined && shutdown.aborted && outcome.status === 'cancelled'

  const onEvent = (
    run: LiveRun,
    event: RunEvent,
    shutdown: AbortSignal,
    writes: ResultWrites,
    lease?: RunLease,
  ) => {
    // Another worker owns the run now (or will, after shutdown): it announces what happens from here.
    if (lease?.lost.aborted) return
    if (event.type === 'run.finished' && handedBack(event.outcome, shutdown)) return
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

  // The flow itself runs with the caller's input in clear; only the stored copy is redacted.
  const createRun = (record: RunRecord, fence?: number) =>
    store.createRun({ ...record, event: redactor.redact(record.event) as TriggerEvent }, fence)

  const runStoreFor = (
    run: LiveRun,
    shutdown: AbortSignal,
    writes: ResultWrites,
    lease?: RunLease,
  ): RunStore => {
    const fence = lease?.fence
    // A refused write means the run is another worker's: from then on nothing more is announced either. A write
    // the database had no room for fails the run as STORAGE_FULL (a stable code), not as an internal error.
    const fenced = (write: Promise<void>) =>
      write.catch((error: unknown) => {
        if (isStaleFence(error)) lease?.lose()
        if (isStorageFull(error)) throw storageFull()
        throw error
      })
    // What is stored of a result: redacted, and without what can be derived again (see stored-results.ts).
    const stored = (result: NodeResult, output?: { value: unknown }) =>
      slimResult(redactResult(result), result, run.start, parts.registry, output)
    // Written late (see deferred-registration.ts): never in queue mode, so never fenced.
    const { deferred } = run
    return {
      createRun: (record) =>
        fenced(
          deferred
            ? deferred.createRun({ ...record, event: redactor.redact(record.event) as TriggerEvent })
            : createRun(record, fence),
        ),
      saveResults: (runId, results) => {
        const slim = results.map((result) => stored(result))
        return writes.track(
          fenced(deferred ? deferred.saveResults(runId, slim) : store.saveResults(runId, slim, fence)),
        )
      },
      async finishRun(runId, outcome, results) {
        if (handedBack(outcome, shutdown)) {
          // Back to the queue: what this execution did is kept as a checkpoint for the worker that goes on.
          await writes.track(
            fenced(
              store.saveResults(
                runId,
                results.map((result) => stored(result)),
                fence,
              ),
            ),
          )
          return
        }
        const end = redactor.redact(withPauseDeadline(finalOutcome(outcome, shutdown), parts)) as RunOutcome
        // A succeeded run's row holds its output: the respond that produced it does not store it again.
        const output = end.status === 'succeeded' ? { value: outcome.output } : undefined
        const slim = results.map((result) => stored(result, output))
        await writes.track(
          fenced(deferred ? deferred.finishRun(runId, end, slim) : store.finishRun(runId, end, slim, fence)),
        )
      },
      loadNodeResults: async (runId) =>
        completeResults(await store.loadNodeResults(runId), run.start, { ...parts, withInputs: false }),
    }
  }

  /** A run this process did not start (recovery after a restart): read it back from the store. */
  const load = async (runId: string): Promise<LiveRun | undefined> => {
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

  const failUnstartable = async (run: ObservedRun, runId: string, code: string, message: string) => {
    const outcome: RunOutcome = { status: 'failed', error: { code, message }, finishedAt: parts.now() }
    await store.finishRun(runId, outcome)
    const event = { type: 'run.finished', runId, outcome, at: outcome.finishedAt } as const
    bus.publish(event)
    observer.event(event, run)
  }

  const continueIfDecided = async (runId: string) => {
    const row = await store.getRun(SYSTEM_ACCESS, runId)
    if (row?.status !== 'queued') return
    // Shutting down: the run stays queued and recovery at the next start resumes it.
    await parts.requeue(runId).catch(() => {})
  }

  const execute = async (job: RunJob, shutdown: AbortSignal, lease?: RunLease) => {
    const held = live.get(job.runId)
    // A run that ended waiting and was decided since gets a fresh entry: the old one holds the last execution.
    const run = held && !endedWaiting(held) ? held : await load(job.runId)
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
    // The writes of this execution's results, which a sync answer waits for (see respondWhenStored).
    const writes = createResultWrites()
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
        store: runStoreFor(run, shutdown, writes, lease),
        resume: run.resume,
        signal: controller.signal,
        onEvent: (event) => onEvent(run, event, shutdown, writes, lease),
        services: parts.servicesFor(identity),
        definitions: parts.definitions,
        limits: parts.limits,
        pause: start.pause,
      })
      if (result.status === 'waiting') await continueIfDecided(run.runId)
      else if (!isPaused(result.status) && !handedBack(result, shutdown)) {
        const child = { runId: run.runId, trigger: start.trigger, parentRunId: start.parentRunId }
        await parts.callers
          .childEnded(child)
          .catch((err: unknown) => parts.logger.warn({ err, runId: run.runId }, 'waking the caller failed'))
      }
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
        onEvent(
          run,
          { type: 'run.finished', runId: run.runId, outcome, at: outcome.finishedAt },
          shutdown,
          writes,
          lease,
        )
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
  // Executions under a lease in this process, by run. A busy event loop can stall renewals past the lease while BullMQ
  // hands the job out again, to this very process: the newer claim wins, so the older execution here must stop (it
  // can write nothing more anyway) and the new one go on from what was recorded, not return as a duplicate job.
  const executing = new Map<string, { lease: RunLease; done: Promise<void> }>()
  return async (job, shutdown) => {
    const lease = await claimRunLease({ ...parts, ownership }, job.runId)
    try {
      const older = executing.get(job.runId)
      if (older) {
        older.lease.lose()
        await older.done
      }
      const done = execute(job, shutdown, lease)
      executing.set(job.runId, { lease, done: done.catch(() => {}) })
      await done
    } finally {
      if (executing.get(job.runId)?.lease === lease) executing.delete(job.runId)
      await lease.end()
    }
  }
}

function storageFull(): ZhiliuError {
  return new ZhiliuError('STORAGE_FULL', 'the database had no room to record this run (disk full)')
}

function isStaleFence(error: unknown): boolean {
  return error instanceof StoreError && error.code === 'STALE_FENCE'
}

/** The entry holds an execution that ended paused (approval, send to confirm); a decision since resumes it. */
function endedWaiting(run: LiveRun): boolean {
  const status = run.outcome?.status
  return status !== undefined && isPaused(status)
}

import type { Access, Run, Store } from '@zhiliu/db'
import {
  isPaused,
  type NodeResult,
  type OutputLimits,
  type RunEventBus,
  type RunOutcome,
  type RunQueue,
  type RunServices,
  type RunStatus,
} from '@zhiliu/engine'
import { type ExpressionEvaluator, inThreadExpressions, type NodeRegistry } from '@zhiliu/nodes'
import type { Logger } from 'pino'
import { type ClusterSignals, NO_PEERS } from '../cluster/cluster-signals.ts'
import { ApiError } from '../http/api-error.ts'
import type { Redactor } from '../security/redact.ts'
import { createRunHistoryDefault, type RunHistoryDefault } from '../settings/run-history.ts'
import { interruptedError } from './final-outcome.ts'
import { createLiveRuns, type LiveRun, type RunStart } from './live-runs.ts'
import { reusableResults } from './rerun-plan.ts'
import { createResumePaused, type ResumeInput } from './resume-paused.ts'
import { createDocumentSource, type DocumentSource } from './run-documents.ts'
import { createRunExecutor } from './run-executor.ts'
import type { RunIdentity } from './run-identity.ts'
import { createRunInline } from './run-inline.ts'
import type { RunOwnership } from './run-lease.ts'
import { IGNORE_RUNS, type ObservedRun, observedRow, type RunObserver } from './run-observer.ts'
import { inRunOrder } from './run-order.ts'
import { type AttentionInput, createSettleAttention } from './settle-attention.ts'
import { createStartAndWait } from './start-and-wait.ts'
import { createStartRun } from './start-run.ts'
import { completeResults } from './stored-results.ts'
import { createSubscribe, type RunListener } from './subscribe-run.ts'
import { SYSTEM_ACCESS } from './system-access.ts'
import { createWaitForRun, type RunWait, type WaitOptions } from './wait-for-run.ts'
import { createWakeCaller, type WakeCaller } from './wake-caller.ts'

export type { RunStart } from './live-runs.ts'
export type { RunListener } from './subscribe-run.ts'
export type { RunWait, WaitOptions } from './wait-for-run.ts'

export interface StartRequest extends RunStart {
  /** Chosen by the caller when it must claim something under the id first (a schedule slot). */
  runId?: string
  /**
   * A webhook's `Idempotency-Key` and a hash of its request: the same key within 24 h returns the run it started the
   * first time, and with a different request hash is refused with 422 IDEMPOTENCY_KEY_REUSED.
   */
  idempotency?: { key: string; requestHash: string }
  /** Results copied into the new run before it starts, so those nodes are not executed again. */
  reuse?: readonly NodeResult[]
  /** Keep the run whatever the run history setting says (something is stored with it: a webhook callback). */
  alwaysKeep?: boolean
  /** Not enqueued: the caller executes it (see `runInline`). */
  inline?: boolean
  /**
   * Its caller waits for it in this process (a sync webhook call): its row is written at its first checkpoint or
   * its end (see deferred-registration.ts). Ignored in queue mode, and for runs with copied results or pause rules.
   */
  defer?: boolean
}

export interface RunService {
  /** Registers the run as `queued` and enqueues it. `existing` when an idempotency key already had a run. */
  start(request: StartRequest): Promise<{ runId: string; existing: boolean }>
  /** Undefined when `access` cannot see the run. Throws RUN_NOT_ACTIVE (409) for a run that already ended. */
  cancel(access: Access, runId: string): Promise<{ runId: string; status: RunStatus } | undefined>
  /** A new run of the same document and event; from a node: the results before it are reused. */
  rerun(
    access: Access,
    runId: string,
    options?: { fromNodeId?: string },
  ): Promise<{ runId: string } | undefined>
  /**
   * Starts a run and executes it right here, in the caller's job, then returns how it ended: a flow called by a
   * running flow. Inline rather than through the queue, so a parent waiting on its child never holds a worker the
   * child needs (a pool of N workers, N parents each waiting for a queued child, would wait forever). `signal`
   * stops the child with its parent: cancelled (recorded so, in every process) when the parent is cancelled or its
   * node times out; handed back with it when `shutdown` (the parent's execution stopping here) is the reason. With
   * an idempotency key already used (a resumed parent), the existing child is resumed here if nothing executes it,
   * or waited for. A child that stops for a person (an approval) answers `{ state: 'paused' }` at once. `onStarted`
   * hears the run's id once it is registered (the existing child's too), before it executes.
   */
  runInline(
    request: StartRequest,
    signal: AbortSignal,
    options?: { shutdown?: AbortSignal; onStarted?: (runId: string) => void },
  ): Promise<{ runId: string; wait: RunWait }>
  /**
   * A sync webhook call: starts the run with its row written late (`defer`, see deferred-registration.ts) and waits
   * for its answer. The run is written before the wait gives up (the caller then gets a status URL to read it at);
   * when another process's run took the idempotency key first, that run is the one waited for (`existing`).
   */
  startAndWait(
    request: StartRequest,
    options: WaitOptions,
  ): Promise<{ runId: string; existing: boolean; wait: RunWait }>
  /** Replays what already happened, then live events. Check access before calling. */
  subscribe(runId: string, listener: RunListener): () => void
  waitFor(runId: string, options: WaitOptions): Promise<RunWait>
  /** Continues a run the store moved from `waiting` to `queued` (an approval was decided). */
  resume(runId: string): Promise<void>
  /**
   * A person's decision on a send held in a `needs_attention` run (see settle-attention.ts). Undefined when `access`
   * cannot see the run; 409 ATTENTION_NOT_NEEDED when nothing is held.
   */
  settleAttention(
    access: Access,
    runId: string,
    input: AttentionInput,
  ): Promise<{ runId: string; status: RunStatus } | undefined>
  /**
   * Continues a paused run (step through): see resume-paused.ts. Undefined when `access` cannot see the run; 409
   * RUN_NOT_PAUSED when it is not paused.
   */
  resumePaused(
    access: Access,
    runId: string,
    input: ResumeInput,
  ): Promise<{ runId: string; status: RunStatus } | undefined>
  /** Wakes every run still waiting on a called flow that ended (see WakeCaller.wakeStranded); returns how many. */
  wakeStrandedCallers: WakeCaller['wakeStranded']
  /** Cancels every paused run nobody continued within the idle time (PAUSE_EXPIRED); returns their ids. */
  expirePaused(): Promise<string[]>
  /**
   * At startup: runs left `running` or `queued` by the last process are resumed; `waiting` ones keep waiting. In queue
   * mode nothing: BullMQ redelivers the jobs of a worker that died.
   */
  recover(): Promise<string[]>
  /**
   * Stops taking runs, lets running ones finish within `graceMs`, then records the rest as INTERRUPTED (queue mode:
   * hands them back to the queue, unfinished, for another worker to resume).
   */
  close(graceMs: number): Promise<void>
  readonly documents: DocumentSource
  /** The server's run history setting, as run starts read it (the settings route changes it). */
  readonly historyDefault: RunHistoryDefault
  /** A run's stored results with what is derived rather than stored put back (inputs, the trigger's output). */
  readResults(run: Run, results: readonly NodeResult[]): Promise<NodeResult[]>
}

export interface RunServiceOptions {
  store: Store
  queue: RunQueue
  bus: RunEventBus
  registry: NodeRegistry
  /** The network, credentials, clock and logger a run's nodes get; credentials are the run owner's. */
  servicesFor(run: RunIdentity): RunServices
  redactor: Redactor
  /** How much output one node and one run may record. */
  limits: OutputLimits
  logger: Logger
  now: () => number
  /** Told of every run started here and every event announced here (metrics). */
  observer?: RunObserver
  /** Refuses new runs while it gives a reason (the database is full); by default none. */
  refusal?: () => ApiError | undefined
  /** Renders the inputs stored results leave out, when a run is read; the calling thread's evaluator by default. */
  expressions?: ExpressionEvaluator
  /** The other processes (REDIS_URL): a cancel made here reaches the one executing the run. */
  signals?: ClusterSignals
  /**
   * Queue mode (REDIS_URL): the queue is shared by processes, so runs are claimed with a lease and fenced writes,
   * BullMQ (not `recover`) brings back the runs of a process that died, and a run may execute in another process.
   */
  ownership?: RunOwnership
  /** How long a paused run waits for someone to continue it before it is cancelled; 2 h by default. */
  pauseIdleMs?: number
}

export const DEFAULT_PAUSE_IDLE_MS = 2 * 3600_000

export function createRunService(options: RunServiceOptions): RunService {
  const { store, queue, bus, logger, now, observer = IGNORE_RUNS, signals = NO_PEERS } = options
  const live = createLiveRuns()
  const expressions = options.expressions ?? inThreadExpressions
  const documents = createDocumentSource(store)
  const queueMode = options.ownership !== undefined
  const waitFor = createWaitForRun({ store, live, documents, bus, queueMode })
  let closing = false
  const requeue = (runId: string) => queue.enqueue({ runId, resume: true })
  const callers = createWakeCaller({ store, requeue, now, logger })
  /** A run ended without executing (cancelled, expired): a parent waiting on it as a called flow goes on. */
  const wakeCaller = (row: Run) =>
    callers
      .childEnded({ runId: row.id, trigger: row.trigger, parentRunId: row.parentRunId })
      .catch((err: unknown) => logger.warn({ err, runId: row.id }, 'waking the caller failed'))
  const execute = createRunExecutor({
    callers,
    ...options,
    observer,
    live,
    documents,
    definitions: options.registry.all,
    expressions,
    requeue,
    pauseIdleMs: options.pauseIdleMs ?? DEFAULT_PAUSE_IDLE_MS,
  })
  queue.consume(execute)

  /** Ends a run that is not executing (queued here, or left behind by another process) without running it. */
  const endIdle = async (
    runId: string,
    run: LiveRun | undefined,
    observed: ObservedRun,
    outcome: RunOutcome,
  ) => {
    if (run) run.cancelled = true
    else live.forbid(runId)
    await store.finishRun(runId, outcome)
    announceEnd(runId, run, observed, outcome)
  }

  /** Tells subscribers, other processes and metrics that a run ended, its end already stored. */
  const announceEnd = (
    runId: string,
    run: LiveRun | undefined,
    observed: ObservedRun,
    outcome: RunOutcome,
  ) => {
    const event = { type: 'run.finished', runId, outcome, at: outcome.finishedAt } as const
    if (run) live.record(run, event)
    bus.publish(event)
    observer.event(event, observed)
    if (run) live.finish(run, outcome)
  }

  // Another process cancelled a run, and recorded it already: stop executing it here, or never start it.
  signals.on('run.cancel', (runId) => {
    const run = live.get(runId)
    if (!run || (run.outcome && !isPaused(run.outcome.status))) return
    if (run.controller) {
      run.controller.abort(new Error('cancelled by a user'))
      return
    }
    run.cancelled = true
    live.finish(run, { status: 'cancelled', error: cancelledError(), finishedAt: now() })
  })

  const historyDefault = createRunHistoryDefault(store, now)
  const start = createStartRun({
    historyDefault,
    store,
    queue,
    live,
    redactor: options.redactor,
    observer,
    now,
    queueMode,
    closing: () => closing,
    refusal: options.refusal ?? (() => undefined),
  })

  const settleAttention = createSettleAttention({
    store,
    redactor: options.redactor,
    now,
    resume: (runId) => requeue(runId),
    announceEnd: (row, outcome) => {
      announceEnd(row.id, live.get(row.id), observedRow(row), outcome)
      void wakeCaller(row)
    },
  })

  const readResults = async (run: Run, results: readonly NodeResult[]) => {
    const document = await documents.forRun(run)
    if (!document) return [...results]
    const { registry } = options
    const complete = await completeResults(
      results,
      { document, event: run.event, output: run.output },
      { registry, expressions, withInputs: true },
    )
    return inRunOrder(complete, document)
  }

  const cancelWaitingChildren = async (runId: string) => {
    const { items } = await store.listRuns(SYSTEM_ACCESS, { parentRunId: runId, limit: 200 })
    for (const child of items) {
      if (child.trigger !== 'flow' || !isPaused(child.status)) continue
      await service.cancel(SYSTEM_ACCESS, child.id).catch((err: unknown) => {
        if (!(err instanceof ApiError))
          logger.warn({ err, runId: child.id }, 'could not cancel a called flow')
      })
    }
  }

  const service: RunService = {
    documents,
    historyDefault,
    readResults,
    subscribe: createSubscribe({ store, live, bus, readResults }),
    start,
    settleAttention,
    waitFor,
    wakeStrandedCallers: callers.wakeStranded,
    resumePaused: createResumePaused({
      store,
      registry: options.registry,
      documents,
      requeue,
      forget: (runId) => {
        const held = live.get(runId)
        if (held?.outcome?.status === 'paused') live.drop(runId)
      },
    }),

    async expirePaused() {
      const expired: string[] = []
      for (const row of await store.listRunsWithStatus('paused')) {
        const until = row.pausedBefore?.until
        if (until === undefined || until > now()) continue
        const outcome: RunOutcome = {
          status: 'cancelled',
          error: {
            code: 'PAUSE_EXPIRED',
            message: 'the run stayed paused past its idle time and was cancelled',
          },
          finishedAt: now(),
        }
        const run = live.get(row.id)
        await endIdle(row.id, run, run ?? observedRow(row), outcome)
        await wakeCaller(row)
        expired.push(row.id)
      }
      return expired
    },

    startAndWait: createStartAndWait({ start, waitFor, live }),

    runInline: createRunInline({
      start,
      execute,
      waitFor,
      cancel: (runId) => service.cancel(SYSTEM_ACCESS, runId),
      logger,
    }),

    async resume(runId) {
      // Closing: the run stays queued in the store and the next start's recovery resumes it.
      await requeue(runId).catch((err: unknown) => logger.info({ err, runId }, 'resume left for recovery'))
    },

    async cancel(access, runId) {
      const row = await store.getRun(access, runId)
      if (!row) return undefined
      const run = live.get(runId)
      if (run?.controller) {
        run.controller.abort(new Error('cancelled by a user'))
        const ended = await waitFor(runId, { until: 'finish', timeoutMs: 5_000 })
        return { runId, status: ended.state === 'finished' ? ended.outcome.status : 'running' }
      }
      // A run paused for a person (an approval, a send to confirm) is not executing: it ends here like a queued one.
      const open = row.status === 'queued' || row.status === 'running' || isPaused(row.status)
      if ((run?.outcome && !isPaused(run.outcome.status)) || !open) {
        throw new ApiError(
          409,
          'RUN_NOT_ACTIVE',
          `run "${runId}" has already ended (${run?.outcome?.status ?? row.status})`,
        )
      }
      // Recorded first, so the process executing it (if another one is) can no longer finish it otherwise.
      const elsewhere = !run && row.status === 'running'
      const outcome: RunOutcome = { status: 'cancelled', error: cancelledError(elsewhere), finishedAt: now() }
      await endIdle(runId, run, run ?? observedRow(row), outcome)
      signals.send('run.cancel', runId)
      await wakeCaller(row)
      // A run waiting on a called flow leaves no child waiting for nobody (an approval that no longer leads anywhere).
      if (isPaused(row.status)) await cancelWaitingChildren(runId)
      return { runId, status: 'cancelled' }
    },

    async rerun(access, runId, { fromNodeId } = {}) {
      const parent = await store.getRun(access, runId)
      if (!parent) return undefined
      const document = await documents.forRun(parent)
      if (!document)
        throw new ApiError(409, 'DOCUMENT_MISSING', 'the flow version this run used no longer exists')
      let reuse: NodeResult[] = []
      if (fromNodeId !== undefined) {
        if (!document.nodes.some((n) => n.id === fromNodeId)) {
          throw ApiError.badRequest('NODE_NOT_FOUND', `the flow has no node "${fromNodeId}"`, {
            nodeId: fromNodeId,
          })
        }
        // Completed (outputs only): a copied result must carry what the parent's row held for it.
        const parentResults = await completeResults(
          await store.loadNodeResults(runId),
          { document, event: parent.event, output: parent.output },
          { registry: options.registry, expressions, withInputs: false },
        )
        reuse = reusableResults(document, parentResults, fromNodeId)
      }
      const { ownerId, flowId, flowVersion, event } = parent
      return start({
        ownerId: ownerId ?? access.userId,
        flowId,
        flowVersion,
        document,
        trigger: 'rerun',
        event,
        parentRunId: parent.id,
        reuse,
      })
    },

    async recover() {
      // Queue mode: the jobs of runs left unfinished are in Redis, and BullMQ offers them again when their worker's
      // lock expires; enqueueing them here would start a second copy of every run another process is executing.
      if (queueMode) return []
      // Oldest first: the running ones were interrupted mid-way, the queued ones never started.
      const stuck = [
        ...(await store.listRunsWithStatus('running')),
        ...(await store.listRunsWithStatus('queued')),
      ]
      for (const row of stuck) await queue.enqueue({ runId: row.id, resume: true })
      if (stuck.length > 0)
        logger.info({ runs: stuck.length }, 'resuming runs the previous process left unfinished')
      return stuck.map((r) => r.id)
    },

    async close(graceMs) {
      closing = true
      // Never started: they stay queued in the store and the next start resumes them.
      const unstarted = new Set(await queue.close(graceMs))
      // A deferred one is not in the store yet: written queued now, like any run registered at its start.
      for (const runId of unstarted) {
        await live
          .get(runId)
          ?.deferred?.register('queued')
          .catch((err: unknown) => logger.error({ err, runId }, 'could not store a run left unstarted'))
      }
      // Queue mode: the queue handed the unfinished runs back, as they were, for another worker to resume.
      if (queueMode) return
      for (const run of live.active()) {
        if (unstarted.has(run.runId)) continue
        // The engine records an interrupted run itself; this only catches one it could not finish recording.
        await endIdle(run.runId, run, run, {
          status: 'failed',
          error: interruptedError(),
          finishedAt: now(),
        }).catch((err: unknown) =>
          logger.error({ err, runId: run.runId }, 'could not record an interrupted run'),
        )
      }
    },
  }
  return service
}

function cancelledError(executing = false) {
  const message = executing ? 'the run was cancelled' : 'the run was cancelled before it started'
  return { code: 'CANCELLED', message }
}

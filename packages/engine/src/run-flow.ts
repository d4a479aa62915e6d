import {
  type AnyNodeDefinition,
  builtinNodes,
  createRegistry,
  type Flow,
  type NodeRegistry,
  toErrorInfo,
} from '@zhiliu/nodes'
import { abortCodes, abortReason, type CancelScope, createCancelScope } from './cancel-scope.ts'
import { compilePlan, type GroupPlan, PlanError } from './compile-plan.ts'
import { createDeadlines } from './deadlines.ts'
import { createFlowGraph } from './flow-graph.ts'
import { DEFAULT_OUTPUT_LIMITS, MAX_OUTPUT_DEPTH, measureOutput } from './measure-output.ts'
import { createMemoryRunStore } from './memory-run-store.ts'
import { resolveServices } from './node-context.ts'
import { createPauseState } from './pause-rules.ts'
import { createEmitter, emptyNodes, type RunContext, settleWrites } from './run-context.ts'
import { type LevelOutcome, runLevel } from './run-level.ts'
import type { RunFlowOptions, RunResult } from './run-options.ts'
import type { NodeResult, RunOutcome } from './run-store.ts'

/**
 * Runs a flow to the end and reports how it ended. Node failures, cancellation and timeouts resolve with a
 * `failed` or `cancelled` result; the promise only rejects when the engine itself cannot go on (a store that
 * throws, a bug), after trying to record that the run failed.
 *
 * The trigger node is the entry and its output is the templates' `trigger`. A flow without a trigger starts at
 * every top-level node with no incoming edge, and its templates see the event itself as `trigger`
 * (`{ body, headers, query, … }` as the caller gave it).
 */
export async function runFlow(options: RunFlowOptions): Promise<RunResult> {
  const { flow, event } = options
  if (options.resume && options.runId === undefined) throw new TypeError('resume needs the runId of the run')
  const concurrency = options.concurrency ?? flow.settings.concurrency
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError('concurrency must be an integer ≥ 1')
  }
  const services = resolveServices(options.services)
  const { clock } = services
  const runId = options.runId ?? globalThis.crypto.randomUUID()
  const store = options.store ?? createMemoryRunStore()
  const recorded = options.resume
    ? latestByKey(await store.loadNodeResults(runId))
    : new Map<string, NodeResult>()
  if (!options.resume) {
    const record = { id: runId, flowId: options.flowId, flowVersion: options.flowVersion, event }
    await store.createRun({ ...record, status: 'running', startedAt: clock.now() })
  }
  const emit = createEmitter(options.onEvent, services.logger)
  const deadlines = createDeadlines()
  const run: RunContext = {
    runId,
    event,
    services,
    store,
    concurrency,
    recorded,
    steps: [],
    attention: [],
    deadlines,
    emit,
    unsaved: [],
    writes: new Set(),
    limits: { ...DEFAULT_OUTPUT_LIMITS, ...options.limits },
    recordedSize: { total: sizeOfRecorded(recorded) },
    pause: createPauseState(options.pause),
  }
  emit?.({ type: 'run.started', runId, at: clock.now() })

  const cancel = createCancelScope()
  const unwatch = watchLimits(cancel, options.signal, flow.settings.timeoutMs)
  let outcome: RunOutcome
  try {
    const plan = planOf(flow, registryOf(options.definitions ?? builtinNodes))
    const top = await runLevel(run, {
      group: plan,
      prefix: '',
      scope: { trigger: event, nodes: emptyNodes() },
      cancel,
    })
    await settleWrites(run)
    outcome = outcomeOf(top, run, cancel, clock.now())
  } catch (error) {
    if (!(error instanceof PlanError)) {
      await recordCrash(run, error)
      throw error
    }
    const nodeId = (error.details as { nodeId?: string } | undefined)?.nodeId
    const info = nodeId === undefined ? toErrorInfo(error) : { ...toErrorInfo(error), nodeId }
    outcome = { status: 'failed', error: info, finishedAt: clock.now() }
  } finally {
    unwatch()
    deadlines.dispose()
  }
  await store.finishRun(runId, outcome, run.unsaved.splice(0))
  emit?.({ type: 'run.finished', runId, outcome, at: clock.now() })
  return { ...outcome, runId, steps: run.steps }
}

/** Aborts the run's scope when the caller cancels or the flow's time limit passes; returns the cleanup. */
function watchLimits(cancel: CancelScope, signal: AbortSignal | undefined, timeoutMs: number | undefined) {
  const onAbort = () => {
    const why = signal?.reason instanceof Error && signal.reason.message ? `: ${signal.reason.message}` : ''
    cancel.abort(abortReason(abortCodes.cancelled, `the run was cancelled${why}`))
  }
  signal?.addEventListener('abort', onAbort, { once: true })
  if (signal?.aborted) onAbort()
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          cancel.abort(abortReason(abortCodes.runTimeout, `the run did not finish within ${timeoutMs} ms`))
        }, timeoutMs)
  return () => {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}

function outcomeOf(top: LevelOutcome, run: RunContext, cancel: CancelScope, finishedAt: number): RunOutcome {
  if (top.failure) {
    const error = top.failure.error ?? { code: 'INTERNAL', message: 'a node failed without saying why' }
    return { status: 'failed', error: { ...error, nodeId: top.failure.nodeId }, finishedAt }
  }
  const reason = cancel.reason
  if (reason?.code === abortCodes.runTimeout) {
    return { status: 'failed', error: { code: reason.code, message: reason.message }, finishedAt }
  }
  if (reason)
    return { status: 'cancelled', error: { code: reason.code, message: reason.message }, finishedAt }
  const held = run.attention[0]
  if (held) return { status: 'needs_attention', error: sendUnconfirmed(held), finishedAt }
  // Everything that ran is stored by now (the caller settled the writes): the run can stop here and resume later.
  const paused = run.pause?.point
  if (paused) return { status: 'paused', paused, finishedAt }
  if (top.waiting) return { status: 'waiting', finishedAt }
  return { status: 'succeeded', output: top.response ? top.response.output : top.output, finishedAt }
}

function sendUnconfirmed(held: NodeResult): NonNullable<RunOutcome['error']> {
  return {
    code: 'SEND_UNCONFIRMED',
    message:
      `node "${held.key}" began sending before the run stopped and its outcome was never recorded; the receiver ` +
      'cannot recognise a repeat, so it is not sent again automatically: resend it, mark it sent, or fail it',
    nodeId: held.nodeId,
    details: { key: held.key },
  }
}

/** Best effort: the store may be what failed, and the original error is the one worth reporting. */
async function recordCrash(run: RunContext, error: unknown): Promise<void> {
  const outcome: RunOutcome = {
    status: 'failed',
    error: toErrorInfo(error),
    finishedAt: run.services.clock.now(),
  }
  try {
    await run.store.finishRun(run.runId, outcome, run.unsaved.splice(0))
  } catch {}
  run.emit?.({ type: 'run.finished', runId: run.runId, outcome, at: run.services.clock.now() })
}

function latestByKey(results: readonly NodeResult[]): Map<string, NodeResult> {
  return new Map(results.map((r) => [r.key, r]))
}

const plans = new WeakMap<Flow, WeakMap<NodeRegistry, GroupPlan>>()

/**
 * A server runs the same published document thousands of times; its plan depends only on the document and the
 * definitions, so it is worked out once per pair. Flow objects are treated as immutable once run.
 */
function planOf(flow: Flow, registry: NodeRegistry): GroupPlan {
  let byRegistry = plans.get(flow)
  if (!byRegistry) {
    byRegistry = new WeakMap()
    plans.set(flow, byRegistry)
  }
  let plan = byRegistry.get(registry)
  if (!plan) {
    plan = compilePlan(createFlowGraph(flow), registry)
    byRegistry.set(registry, plan)
  }
  return plan
}

const registries = new WeakMap<readonly AnyNodeDefinition[], NodeRegistry>()

/** Built once per definitions list rather than once per run: most runs share the built-in list. */
function registryOf(definitions: readonly AnyNodeDefinition[]): NodeRegistry {
  let registry = registries.get(definitions)
  if (!registry) {
    registry = createRegistry(definitions)
    registries.set(definitions, registry)
  }
  return registry
}

/** A resumed run's limit counts what it recorded before; those outputs passed the same check then. */
function sizeOfRecorded(recorded: ReadonlyMap<string, NodeResult>): number {
  let total = 0
  for (const result of recorded.values()) {
    const measure = measureOutput(result.output, MAX_OUTPUT_DEPTH, Number.POSITIVE_INFINITY)
    if (measure.ok) total += measure.size
  }
  return total
}

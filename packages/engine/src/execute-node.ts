import {
  type ErrorInfo,
  NodeError,
  type NodeInput,
  renderConfigWith,
  type TemplateScope,
  toErrorInfo,
} from '@zhiliu/nodes'
import type { z } from 'zod'
import { backoffDelay } from './backoff.ts'
import { abortCodes, type CancelScope } from './cancel-scope.ts'
import { boundErrorDetails, checkOutput } from './check-output.ts'
import type { NodePlan } from './compile-plan.ts'
import { heldResult, releasedConfig, shouldPause } from './pause-rules.ts'
import { type AttemptOutcome, runAttempt } from './run-attempt.ts'
import { type RunContext, recordSending } from './run-context.ts'
import type { NodeResult } from './run-store.ts'

/** How a node's attempts ended, before its `onError` setting decides what that means for the flow. */
export type Trial = {
  readonly key: string
  /**
   * The rendered (and, when valid, parsed) config and the port inputs: recorded as the result's `input`. `edited`:
   * a person replaced the rendered config while the run was paused before this node.
   */
  readonly input: { config: unknown; inputs: Record<string, unknown>; event?: unknown; edited?: true }
  readonly attempts: number
  readonly startedAt: number
} & (
  | { readonly status: 'returned'; readonly value: unknown }
  | { readonly status: 'failed' | 'cancelled'; readonly error: ErrorInfo }
)

/** A node held before it started because the run is pausing (see pause-rules.ts): its result is not recorded. */
export type Held = { readonly status: 'held'; readonly result: NodeResult }

/**
 * Renders the node's config against the scope, parses it, then calls the definition with a timeout, retrying
 * retryable failures with back-off. Rendering happens once: the same scope always renders the same config.
 * A run with pause rules may hold the node here, its config rendered, before it acts.
 *
 * Synchronous as far as the node is: a node whose config renders here and whose `run` returns its value itself is
 * tried without a promise (see runAttempt); a promise appears only where something is actually awaited (a template
 * sent to the worker pool, the `sending` record of a side effect, an asynchronous `run`, a retry's back-off).
 */
export function tryNode(
  run: RunContext,
  plan: NodePlan,
  key: string,
  scope: TemplateScope,
  inputs: Record<string, unknown>,
  cancel: CancelScope,
): Trial | Held | Promise<Trial | Held> {
  const startedAt = run.services.clock.now()
  const { pause } = run
  // A run that may pause announces the start once it knows the node is not held.
  if (!pause) announceStart(run, plan, key, 1)
  const edited = releasedConfig(pause, key)
  const raw = plan.node.config
  if (!plan.templated || edited) {
    return begin(
      run,
      plan,
      key,
      inputs,
      cancel,
      startedAt,
      edited !== undefined,
      edited ? edited.config : raw,
    )
  }
  let rendered: Record<string, unknown> | Promise<Record<string, unknown>>
  try {
    rendered = renderConfigWith(raw, plan.def.config, scope, run.services.expressions, cancel)
  } catch (error) {
    return renderFailed(key, raw, inputs, startedAt, error)
  }
  if (!(rendered instanceof Promise)) return begin(run, plan, key, inputs, cancel, startedAt, false, rendered)
  return rendered.then(
    (config) => begin(run, plan, key, inputs, cancel, startedAt, false, config),
    (error: unknown) => renderFailed(key, raw, inputs, startedAt, error),
  )
}

function renderFailed(
  key: string,
  config: unknown,
  inputs: Record<string, unknown>,
  startedAt: number,
  error: unknown,
): Trial {
  return {
    key,
    input: { config, inputs },
    attempts: 1,
    startedAt,
    status: 'failed',
    error: toErrorInfo(error),
  }
}

/** What every attempt of one node shares. */
interface Attempts {
  readonly run: RunContext
  readonly plan: NodePlan
  readonly key: string
  readonly input: Trial['input'] & NodeInput<unknown>
  readonly cancel: CancelScope
  readonly startedAt: number
}

/** The config is rendered: parse it, hold the node if the run pauses here, then make the first attempt. */
function begin(
  run: RunContext,
  plan: NodePlan,
  key: string,
  inputs: Record<string, unknown>,
  cancel: CancelScope,
  startedAt: number,
  /** A person replaced the rendered config while the run was paused before this node. */
  edited: boolean,
  rendered: unknown,
): Trial | Held | Promise<Trial | Held> {
  const parsed = plan.def.config.safeParse(rendered)
  if (!parsed.success) {
    const error = configInvalid(plan.id, parsed.error)
    return { key, input: { config: rendered, inputs }, attempts: 1, startedAt, status: 'failed', error }
  }
  const config = parsed.data
  const { pause } = run
  if (pause) {
    // Recorded already: it passed this point in an earlier execution (a for-each whose body paused), so it goes on.
    if (!run.recorded.has(key) && shouldPause(pause, key, plan.id)) {
      pause.point ??= { key, nodeId: plan.id, input: { config, inputs } }
      return { status: 'held', result: heldResult(key, plan.id, startedAt) }
    }
    announceStart(run, plan, key, 1)
  }
  const input: Trial['input'] & NodeInput<unknown> = plan.trigger
    ? { config, inputs, event: run.event }
    : { config, inputs }
  if (edited) input.edited = true
  const attempts: Attempts = { run, plan, key, input, cancel, startedAt }
  // From here on the node may act; a crash before its result is stored must be visible on resume.
  if (!plan.def.sideEffects) return attempt(attempts, 1)
  return recordSending(run, plan, key, config, startedAt).then(() => attempt(attempts, 1))
}

function attempt(parts: Attempts, attempts: number): Trial | Promise<Trial> {
  const { run, plan, key, cancel } = parts
  const outcome = runAttempt({
    def: plan.def,
    input: parts.input,
    runId: run.runId,
    nodeId: plan.id,
    nodeKey: key,
    attempt: attempts,
    timeoutMs: plan.timeoutMs,
    deadlines: run.deadlines,
    scope: cancel,
    services: run.services,
    emit: run.emit,
  })
  if (outcome instanceof Promise) return outcome.then((settled) => judge(parts, attempts, settled))
  return judge(parts, attempts, outcome)
}

/** What an attempt's outcome means: the trial's end, or (for a retryable failure with attempts left) another try. */
function judge(parts: Attempts, attempts: number, outcome: AttemptOutcome): Trial | Promise<Trial> {
  const { run, plan, key, input, startedAt } = parts
  if (outcome.kind === 'returned') {
    // An iterating node returns its items; its output, the iterations' results, is checked once they are in.
    const refused = plan.body ? undefined : checkOutput(run, plan.id, outcome.value)
    if (refused) return { key, input, attempts, startedAt, status: 'failed', error: refused }
    return { key, input, attempts, startedAt, status: 'returned', value: outcome.value }
  }
  let error: ErrorInfo
  let retryable: boolean
  let retryAfterMs: number | undefined
  if (outcome.kind === 'aborted') {
    // The run the node started is named as its own failure would have named it, for the run view to lead to.
    const linked = outcome.runId ? { details: { runId: outcome.runId } } : {}
    if (outcome.reason.code !== abortCodes.nodeTimeout) {
      const cancelled = { ...toErrorInfo(outcome.reason), ...linked }
      return { key, input, attempts, startedAt, status: 'cancelled', error: cancelled }
    }
    // A timed-out side effect may have happened; repeating it blindly could do it twice.
    retryable = !plan.def.sideEffects
    error = { code: outcome.reason.code, message: outcome.reason.message, retryable, ...linked }
  } else {
    error = boundErrorDetails(run, toErrorInfo(outcome.error))
    retryable = outcome.error instanceof NodeError && outcome.error.retryable
    retryAfterMs = outcome.error instanceof NodeError ? outcome.error.retryAfterMs : undefined
  }
  if (!retryable || attempts >= plan.retry.maxAttempts) {
    return { key, input, attempts, startedAt, status: 'failed', error }
  }
  return retry(parts, attempts, error, backoffDelay(plan.retry, attempts, run.services.random, retryAfterMs))
}

async function retry(parts: Attempts, attempts: number, error: ErrorInfo, delayMs: number): Promise<Trial> {
  const { run, plan, key, input, cancel, startedAt } = parts
  const { clock } = run.services
  const next = attempts + 1
  run.emit?.({
    type: 'node.retrying',
    runId: run.runId,
    key,
    nodeId: plan.id,
    attempt: next,
    delayMs,
    error,
    at: clock.now(),
  })
  try {
    await clock.sleep(delayMs, cancel.signal)
  } catch {
    // Only an abort interrupts the wait; it is reported as a cancellation just below.
  }
  if (cancel.reason) {
    return { key, input, attempts, startedAt, status: 'cancelled', error: toErrorInfo(cancel.reason) }
  }
  announceStart(run, plan, key, next)
  return attempt(parts, next)
}

function announceStart(run: RunContext, plan: NodePlan, key: string, attempt: number): void {
  run.emit?.({
    type: 'node.started',
    runId: run.runId,
    key,
    nodeId: plan.id,
    attempt,
    at: run.services.clock.now(),
  })
}

function configInvalid(nodeId: string, error: z.ZodError): ErrorInfo {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
  return {
    code: 'CONFIG_INVALID',
    message: `node "${nodeId}" has an invalid config: ${summary}`,
    details: { issues },
  }
}

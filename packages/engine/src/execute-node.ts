import {
  type ErrorInfo,
  type NodeChunk,
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
import { runAttempt } from './run-attempt.ts'
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
 */
export async function tryNode(
  run: RunContext,
  plan: NodePlan,
  key: string,
  scope: TemplateScope,
  inputs: Record<string, unknown>,
  cancel: CancelScope,
): Promise<Trial | Held> {
  const { clock } = run.services
  const startedAt = clock.now()
  const { pause } = run
  // A run that may pause announces the start once it knows the node is not held.
  if (!pause) announceStart(run, plan, key, 1)
  const edited = releasedConfig(pause, key)
  const raw = plan.node.config
  let config: unknown = edited ? edited.config : raw
  try {
    if (plan.templated && !edited) {
      const rendered = renderConfigWith(raw, plan.def.config, scope, run.services.expressions, cancel)
      config = rendered instanceof Promise ? await rendered : rendered
    }
  } catch (error) {
    return {
      key,
      input: { config, inputs },
      attempts: 1,
      startedAt,
      status: 'failed',
      error: toErrorInfo(error),
    }
  }
  const parsed = plan.def.config.safeParse(config)
  if (!parsed.success) {
    const error = configInvalid(plan.id, parsed.error)
    return { key, input: { config, inputs }, attempts: 1, startedAt, status: 'failed', error }
  }
  config = parsed.data
  if (pause) {
    // Recorded already: it passed this point in an earlier execution (a for-each whose body paused), so it goes on.
    if (!run.recorded.has(key) && shouldPause(pause, key, plan.id)) {
      pause.point ??= { key, nodeId: plan.id, input: { config, inputs } }
      return { status: 'held', result: heldResult(key, plan.id, startedAt) }
    }
    announceStart(run, plan, key, 1)
  }
  // From here on the node may act; a crash before its result is stored must be visible on resume.
  if (plan.def.sideEffects) await recordSending(run, plan, key, config, startedAt)
  const input: Trial['input'] & NodeInput<unknown> = plan.trigger
    ? { config, inputs, event: run.event }
    : { config, inputs }
  if (edited) input.edited = true
  const emit = run.emit
  const onChunk = emit
    ? (chunk: NodeChunk) =>
        emit({ type: 'node.chunk', runId: run.runId, key, nodeId: plan.id, chunk, at: clock.now() })
    : null
  let attempts = 1
  for (;;) {
    const outcome = await runAttempt({
      def: plan.def,
      input,
      runId: run.runId,
      nodeId: plan.id,
      nodeKey: key,
      attempt: attempts,
      timeoutMs: plan.timeoutMs,
      deadlines: run.deadlines,
      scope: cancel,
      services: run.services,
      onChunk,
    })
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
      if (outcome.reason.code !== abortCodes.nodeTimeout) {
        return { key, input, attempts, startedAt, status: 'cancelled', error: toErrorInfo(outcome.reason) }
      }
      // A timed-out side effect may have happened; repeating it blindly could do it twice.
      retryable = !plan.def.sideEffects
      error = { code: outcome.reason.code, message: outcome.reason.message, retryable }
    } else {
      error = boundErrorDetails(run, toErrorInfo(outcome.error))
      retryable = outcome.error instanceof NodeError && outcome.error.retryable
      retryAfterMs = outcome.error instanceof NodeError ? outcome.error.retryAfterMs : undefined
    }
    if (!retryable || attempts >= plan.retry.maxAttempts) {
      return { key, input, attempts, startedAt, status: 'failed', error }
    }
    const delayMs = backoffDelay(plan.retry, attempts, run.services.random, retryAfterMs)
    const next = attempts + 1
    emit?.({
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
    attempts++
    announceStart(run, plan, key, attempts)
  }
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

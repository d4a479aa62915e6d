import { type ErrorInfo, type TemplateScope, toErrorInfo } from '@zhiliu/nodes'
import type { CancelScope } from './cancel-scope.ts'
import { checkOutput } from './check-output.ts'
import type { GroupPlan, NodePlan } from './compile-plan.ts'
import { type Trial, tryNode } from './execute-node.ts'
import { emptyNodes, type RunContext } from './run-context.ts'
import { runLevel } from './run-level.ts'
import type { NodeResult } from './run-store.ts'
import { settleNode } from './settle-node.ts'

/**
 * Runs an iterating node: first the node itself (with its own timeout and retries), which returns `{ items }`,
 * then its body once per item, at most `config.concurrency` iterations at a time. Its output is
 * `{ results, count }` with one result per item in item order, whatever order the iterations finish in.
 */
export async function runForEach(
  run: RunContext,
  plan: NodePlan,
  key: string,
  scope: TemplateScope,
  inputs: Record<string, unknown>,
  cancel: CancelScope,
): Promise<NodeResult> {
  const trial = await tryNode(run, plan, key, scope, inputs, cancel)
  if (trial.status === 'held') return trial.result
  const finish = (settled: Trial) => settleNode(plan, settled, run.services.clock.now())
  if (trial.status !== 'returned') return finish(trial)
  const items = (trial.value as { items?: unknown } | null)?.items
  if (!Array.isArray(items)) {
    const error = { code: 'ITEMS_INVALID', message: `node "${key}" did not return a list of items` }
    return finish({ ...trial, status: 'failed', error })
  }
  const loop = cancel.child()
  try {
    const limit = concurrencyOf(trial.input.config)
    const results = await runIterations(run, plan.body as GroupPlan, key, scope, items, limit, loop)
    if (results.failure) return finish({ ...trial, status: 'failed', error: bodyError(results.failure) })
    const stopped = loop.reason
    if (stopped) return finish({ ...trial, status: 'cancelled', error: toErrorInfo(stopped) })
    // An iteration is waiting: the loop has no output yet; on resume it runs again and reuses the iterations.
    if (results.waiting) {
      const { output: _items, ...held } = finish(trial)
      return { ...held, status: 'waiting', ports: [] }
    }
    const value = { results: results.outputs, count: items.length }
    const refused = checkOutput(run, plan.id, value)
    if (refused) return finish({ ...trial, status: 'failed', error: refused })
    return finish({ ...trial, value })
  } finally {
    loop.dispose()
  }
}

async function runIterations(
  run: RunContext,
  body: GroupPlan,
  key: string,
  scope: TemplateScope,
  items: readonly unknown[],
  limit: number,
  loop: CancelScope,
): Promise<{ outputs: unknown[]; failure: NodeResult | null; waiting: boolean }> {
  const outputs: unknown[] = new Array(items.length)
  let failure: NodeResult | null = null
  let waiting = false
  let next = 0
  // A small worker pool: each worker takes the next item as soon as its previous iteration is done.
  const worker = async () => {
    while (next < items.length && !loop.reason) {
      const index = next++
      // Iterations share the outer outputs but each adds its own body outputs, so each gets its own copy.
      const nodes = Object.assign(emptyNodes(), scope.nodes)
      const iteration: TemplateScope = { trigger: scope.trigger, nodes, item: items[index], index }
      // Iterations share the loop's cancel scope: a failing body node stops every other iteration too.
      const outcome = await runLevel(run, {
        group: body,
        prefix: `${key}[${index}].`,
        scope: iteration,
        cancel: loop,
      })
      failure ??= outcome.failure
      waiting ||= outcome.waiting
      outputs[index] = outcome.output
    }
  }
  const workers = Array.from({ length: Math.min(limit, items.length) }, worker)
  await Promise.all(workers)
  return { outputs, failure, waiting }
}

function concurrencyOf(config: unknown): number {
  const value = (config as { concurrency?: unknown } | null)?.concurrency
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 1
}

function bodyError(failure: NodeResult): ErrorInfo {
  const cause = failure.error ?? { code: 'INTERNAL', message: 'unknown failure' }
  return {
    code: cause.code,
    message: `node "${failure.key}" failed: ${cause.message}`,
    details: { key: failure.key, nodeId: failure.nodeId },
  }
}

import type { TemplateScope } from '@zhiliu/nodes'
import { abortCodes, abortReason, type CancelScope } from './cancel-scope.ts'
import type { GroupPlan, NodePlan } from './compile-plan.ts'
import { type Held, type Trial, tryNode } from './execute-node.ts'
import { isHeld } from './pause-rules.ts'
import { announceResult, checkpoint, type RunContext, recordResult, settleWrites } from './run-context.ts'
import { runForEach } from './run-for-each.ts'
import type { NodeResult } from './run-store.ts'
import { settleNode, skippedResult } from './settle-node.ts'

const RESPOND_TYPE = 'flow.respond'
/** A pure node that ran at least this long is checkpointed after it (see RunStore): resume should not redo it. */
export const CHECKPOINT_AFTER_MS = 1000

export interface LevelParts {
  group: GroupPlan
  /** Prepended to node ids to make result keys: '' at the top level, `loop[2].` in an iteration. */
  prefix: string
  /** Grows as nodes finish: each node's output is added under its id for the templates of later nodes. */
  scope: TemplateScope
  /** Aborted by a failure here (to stop the siblings), or from above (cancel, run timeout, a sibling iteration). */
  cancel: CancelScope
}

export interface LevelOutcome {
  /** The node whose failure (with `onError: 'fail'`) stopped this group, if any. */
  failure: NodeResult | null
  /** The output of the sinks that ran: one → its output, several → keyed by node id, none → undefined. */
  output: unknown
  /** Set when a `flow.respond` node ran: the output of the last one to finish. */
  response: { output: unknown } | null
  /** True when a node here is waiting (suspended): its dependants never became ready, so the run must wait. */
  waiting: boolean
}

/** A resolved edge that carries no value because its source was skipped or did not fire that port. */
const SKIPPED: unique symbol = Symbol('skipped')

/**
 * Runs one group with dataflow semantics: a node becomes ready once every incoming edge is resolved; it runs if
 * any of them carries a value and is skipped otherwise, which resolves its own outgoing edges as skipped — so a
 * merge after a branch never waits for the branch that was not taken. Ready nodes start in rank order.
 */
export function runLevel(run: RunContext, parts: LevelParts): Promise<LevelOutcome> {
  const { group, prefix, scope, cancel } = parts
  const count = group.nodes.length
  const unresolved = new Int32Array(count)
  const carried = new Uint8Array(count)
  const ran = new Uint8Array(count)
  const edges: unknown[] = new Array(group.edgeCount)
  const ready: NodePlan[] = []
  let running = 0
  let failure: NodeResult | null = null
  let response: LevelOutcome['response'] = null
  let waiting = false
  let crash: { error: unknown } | null = null
  for (const plan of group.nodes) {
    unresolved[plan.local] = plan.incoming.length
    if (plan.incoming.length === 0) ready.push(plan) // group.nodes is in rank order, so this stays sorted
  }

  const inputsOf = (plan: NodePlan): Record<string, unknown> => {
    const inputs: Record<string, unknown> = {}
    for (const ref of plan.incoming) {
      const value = edges[ref.index]
      const port = ref.targetPort
      // Definitions never declare such a port; assigning it would change the object's prototype instead.
      if (port === '__proto__') continue
      if (ref.multiple) {
        if (!Object.hasOwn(inputs, port)) inputs[port] = []
        if (value !== SKIPPED) (inputs[port] as unknown[]).push(value)
      } else if (value !== SKIPPED && !Object.hasOwn(inputs, port)) {
        inputs[port] = value
      }
    }
    return inputs
  }

  /**
   * Runs one node and records its result. Returns the result itself when nothing had to be awaited (see tryNode):
   * a chain of synchronous nodes then runs without a promise per node.
   */
  const execute = (plan: NodePlan): NodeResult | Promise<NodeResult> => {
    const key = prefix + plan.id
    const recorded = run.recorded.get(key)
    if (recorded && isReusable(recorded, plan)) {
      // Already in the store: feed dependants exactly as if it had just finished, without running it again.
      announceResult(run, recorded, true)
      return recorded
    }
    if (recorded?.status === 'sending' && plan.def.sideEffects === 'unkeyed') {
      // It may have sent, and the receiver could not tell a second copy apart: a person decides (needs_attention).
      run.attention.push(recorded)
      announceResult(run, recorded, true)
      return recorded
    }
    // A keyed send found `sending` just runs again: it carries the same idempotency key as the first attempt.
    // Everything this node could have been given must be stored before it acts on the world.
    if (plan.def.sideEffects !== false) return settleWrites(run).then(() => perform(plan, key))
    return perform(plan, key)
  }

  const perform = (plan: NodePlan, key: string): NodeResult | Promise<NodeResult> => {
    if (!plan.entry && carried[plan.local] === 0) {
      return finish(plan, skippedResult(key, plan.id, run.services.clock.now()))
    }
    if (plan.body) {
      return runForEach(run, plan, key, scope, inputsOf(plan), cancel).then((result) => finish(plan, result))
    }
    const trial = tryNode(run, plan, key, scope, inputsOf(plan), cancel)
    if (trial instanceof Promise) return trial.then((settled) => settle(plan, settled))
    return settle(plan, trial)
  }

  const settle = (plan: NodePlan, trial: Trial | Held): NodeResult | Promise<NodeResult> => {
    // Held before it started (the run is pausing): nothing to record, its dependants wait with it.
    if (trial.status === 'held') return trial.result
    return finish(plan, settleNode(plan, trial, run.services.clock.now()))
  }

  const finish = (plan: NodePlan, result: NodeResult): NodeResult | Promise<NodeResult> => {
    if (isHeld(result)) return result
    recordResult(run, result)
    if (plan.def.sideEffects !== false && result.status !== 'skipped')
      return checkpoint(run).then(() => result)
    if (isExpensive(plan, result) || (plan.def.type === RESPOND_TYPE && workRemains(plan))) {
      // Not awaited: only spares resume from redoing it, or lets the caller be answered before the run ends.
      void checkpoint(run)
    }
    return result
  }

  /** Whether anything else may still run after this node in this execution (it is itself still counted). */
  const workRemains = (plan: NodePlan) =>
    prefix !== '' || plan.outgoing.length > 0 || running > 1 || ready.length > 0

  const absorb = (plan: NodePlan, result: NodeResult) => {
    if (result.status === 'cancelled') return
    if (result.status === 'waiting' || result.status === 'sending') {
      // Its outgoing edges stay unresolved, so nothing downstream of it becomes ready in this execution.
      waiting = true
      return
    }
    if (result.status === 'failed' && plan.onError === 'fail') {
      failure ??= result
      cancel.abort(abortReason(abortCodes.cancelled, `cancelled because node "${result.key}" failed`))
      return
    }
    if (result.status === 'skipped') {
      // Present but null: a template that reads a skipped branch (`nodes.no.x | default: …`) renders empty
      // instead of failing as a reference to a node that does not exist.
      scope.nodes[plan.id] = null
    } else {
      ran[plan.local] = 1
      scope.nodes[plan.id] = result.output
      if (plan.trigger) scope.trigger = result.output
      if (plan.def.type === RESPOND_TYPE) response = { output: result.output }
    }
    const fired = result.ports
    for (const ref of plan.outgoing) {
      const carries = fired.includes(ref.sourcePort)
      edges[ref.index] = carries ? result.output : SKIPPED
      if (carries) carried[ref.target] = 1
      if (--(unresolved[ref.target] as number) === 0) enqueue(group.nodes[ref.target] as NodePlan)
    }
  }

  const enqueue = (plan: NodePlan) => {
    let lo = 0
    let hi = ready.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((ready[mid] as NodePlan).rank < plan.rank) lo = mid + 1
      else hi = mid
    }
    ready.splice(lo, 0, plan)
  }

  return new Promise((resolve, reject) => {
    const crashed = (error: unknown) => {
      // A store failure or an engine bug: stop everything, then let the run report it.
      crash ??= { error }
      cancel.abort(abortReason('INTERNAL', 'the run stopped on an internal error'))
      running--
    }
    // Only for a node that awaits something: one async function for it rather than `.then` callbacks.
    const settleLater = async (plan: NodePlan, pending: Promise<NodeResult>) => {
      let result: NodeResult
      try {
        result = await pending
      } catch (error) {
        crashed(error)
        pump()
        return
      }
      running--
      absorb(plan, result)
      pump()
    }
    const pump = () => {
      while (running < run.concurrency && ready.length > 0 && !cancel.reason) {
        running++
        const plan = ready.shift() as NodePlan
        let result: NodeResult | Promise<NodeResult>
        try {
          result = execute(plan)
        } catch (error) {
          crashed(error)
          continue
        }
        if (result instanceof Promise) {
          void settleLater(plan, result)
        } else {
          // Finished already: its dependants become ready now, and this loop starts them in rank order.
          running--
          absorb(plan, result)
        }
      }
      if (running > 0 || (ready.length > 0 && !cancel.reason)) return
      if (crash) reject(crash.error)
      else resolve({ failure, output: sinkOutput(group, ran, scope), response, waiting })
    }
    pump()
  })
}

function isExpensive(plan: NodePlan, result: NodeResult): boolean {
  return plan.def.category === 'ai' || result.finishedAt - result.startedAt >= CHECKPOINT_AFTER_MS
}

/**
 * A node still waiting is not asked again (it would suspend a second time): its recorded wait stands. A for-each
 * waits because of a body node, so it runs again and its iterations reuse their own results.
 */
function isReusable(recorded: NodeResult, plan: NodePlan): boolean {
  if (recorded.status === 'waiting') return !plan.body
  return recorded.status === 'succeeded' || recorded.status === 'skipped'
}

function sinkOutput(group: GroupPlan, ran: Uint8Array, scope: TemplateScope): unknown {
  const sinks = group.sinks.filter((plan) => ran[plan.local] === 1)
  if (sinks.length === 0) return undefined
  if (sinks.length === 1) return scope.nodes[(sinks[0] as NodePlan).id]
  return Object.fromEntries(sinks.map((plan) => [plan.id, scope.nodes[plan.id]]))
}

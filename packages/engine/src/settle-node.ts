import { ERROR_PORT, type ErrorInfo, isRouted, isSuspended, outputPorts } from '@zhiliu/nodes'
import { type NodePlan, nonErrorPorts } from './compile-plan.ts'
import type { Trial } from './execute-node.ts'
import type { NodeResult } from './run-store.ts'

/**
 * Turns a trial into the node's recorded result: which ports fire with what. A failure becomes, per `onError`,
 * nothing (`fail`: the run stops), `{ error }` on the normal ports (`continue`) or on the error port only.
 */
export function settleNode(plan: NodePlan, trial: Trial, finishedAt: number): NodeResult {
  if (trial.status === 'returned') {
    const { value } = trial
    // No port fires: the dependants stay held until the wait is resolved and the run resumed.
    if (isSuspended(value)) return result(plan, trial, finishedAt, 'waiting', [], value.payload, undefined)
    const routed = isRouted(value)
    const ports = routed ? [...value.ports] : normalPorts(plan, trial.input.config)
    return result(plan, trial, finishedAt, 'succeeded', ports, routed ? value.output : value, undefined)
  }
  const { error } = trial
  if (trial.status === 'cancelled' || plan.onError === 'fail') {
    return result(plan, trial, finishedAt, trial.status, [], undefined, error)
  }
  // Downstream templates see `nodes.<id>.error`; the details stay in the recorded result, not in the dataflow.
  const output = { error: { code: error.code, message: error.message } satisfies ErrorInfo }
  const ports = plan.onError === 'errorPort' ? [ERROR_PORT] : normalPorts(plan, trial.input.config)
  return result(plan, trial, finishedAt, 'failed', ports, output, error)
}

// Built field by field in one order (not by spreading a base object): results then share one hidden class, and
// this runs once per node. `output` and `error` are left out when absent so stored results stay clean.
function result(
  plan: NodePlan,
  trial: Trial,
  finishedAt: number,
  status: NodeResult['status'],
  ports: string[],
  output: unknown,
  error: ErrorInfo | undefined,
): NodeResult {
  const recorded: NodeResult = {
    key: trial.key,
    nodeId: plan.id,
    status,
    ports,
    // Port inputs are the upstream nodes' recorded outputs; storing them again would copy every payload down the
    // chain (the trigger's body and headers once per node), so only the rendered config is kept.
    input: trial.input.edited ? { config: trial.input.config, edited: true } : { config: trial.input.config },
    attempts: trial.attempts,
    startedAt: trial.startedAt,
    finishedAt,
  }
  if (output !== undefined) recorded.output = output
  if (error) recorded.error = error
  return recorded
}

/** Every output port except `error`: what a plain (not routed) return fires. */
function normalPorts(plan: NodePlan, config: unknown): string[] {
  if (plan.staticPorts) return plan.staticPorts.slice()
  try {
    return nonErrorPorts(outputPorts(plan.def, config))
  } catch {
    // Ports derived from a config that failed to parse: fall back to the ports the flow actually wires.
    return [...new Set(plan.outgoing.map((e) => e.sourcePort).filter((p) => p !== ERROR_PORT))]
  }
}

export function skippedResult(key: string, nodeId: string, at: number): NodeResult {
  return { key, nodeId, status: 'skipped', ports: [], attempts: 0, startedAt: at, finishedAt: at }
}

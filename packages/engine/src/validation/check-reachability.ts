import { isTrigger } from '@zhiliu/nodes'
import { type FlowProblem, problem } from './problem.ts'
import { nodePlace, type ValidationContext } from './validation-context.ts'

/**
 * Warns about top-level nodes nothing leads into while the flow has a trigger: they never receive the run's data,
 * which is almost always a forgotten connection. Only a warning, since such a node breaks nothing else, and the
 * editor shows it while someone is still wiring. Loop bodies are exempt: their first nodes start from the loop.
 */
export function checkReachability(ctx: ValidationContext): FlowProblem[] {
  if (!ctx.nodes.some((n) => n.def && isTrigger(n.def))) return []
  return ctx.nodes
    .filter((n) => n.node.parentId === undefined && !(n.def && isTrigger(n.def)))
    .filter((n) => n.def !== undefined && ctx.graph.incoming(n.node.id).length === 0)
    .map((n) => problem('UNREACHABLE_NODE', undefined, nodePlace(n)))
}

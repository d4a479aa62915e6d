import { isTrigger } from '@zhiliu/nodes'
import { type FlowProblem, problem } from './problem.ts'
import { type CheckedNode, isLoop, nodePlace, type ValidationContext } from './validation-context.ts'

/** One trigger per flow, none inside loops, and every `parentId` naming a for-each without nesting in a circle. */
export function checkStructure(ctx: ValidationContext): FlowProblem[] {
  const problems: FlowProblem[] = []
  let first: CheckedNode | undefined
  for (const n of ctx.nodes) {
    if (n.def && isTrigger(n.def)) {
      if (first) problems.push(problem('MULTIPLE_TRIGGERS', { first: first.node.id }, nodePlace(n, 'type')))
      else first = n
      if (n.node.parentId !== undefined)
        problems.push(problem('TRIGGER_IN_LOOP', undefined, nodePlace(n, 'parentId')))
    }
    const parentId = n.node.parentId
    if (parentId === undefined) continue
    const parent = ctx.byId.get(parentId)
    if (!parent) problems.push(problem('PARENT_MISSING', { parent: parentId }, nodePlace(n, 'parentId')))
    // An unknown parent type is reported on the parent; saying "not a loop" as well would be a guess.
    else if (parent.def && !isLoop(parent)) {
      problems.push(problem('PARENT_NOT_LOOP', { parent: parentId }, nodePlace(n, 'parentId')))
    } else {
      const circle = parentCircle(ctx, n)
      if (circle) problems.push(problem('PARENT_CYCLE', { nodes: circle }, nodePlace(n, 'parentId')))
    }
  }
  return problems
}

/**
 * The loops `n` is nested in, when following parents leads back to `n`. Reported once per circle, on the member
 * that comes first in the document.
 */
function parentCircle(ctx: ValidationContext, n: CheckedNode): string[] | null {
  const chain = [n]
  const seen = new Set<CheckedNode>(chain)
  for (
    let at = ctx.byId.get(n.node.parentId ?? '');
    at && isLoop(at);
    at = ctx.byId.get(at.node.parentId ?? '')
  ) {
    if (at === n) return chain.every((m) => m.index >= n.index) ? chain.map((m) => m.node.id) : null
    if (seen.has(at)) return null
    seen.add(at)
    chain.push(at)
  }
  return null
}

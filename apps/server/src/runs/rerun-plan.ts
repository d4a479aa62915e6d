import type { NodeResult } from '@zhiliu/engine'
import type { Flow } from '@zhiliu/nodes'

/**
 * The nodes a "re-run from X" executes again: X, everything downstream of it, and the bodies of loops among them.
 * A node inside a loop body cannot run on its own (its input is the loop's item), so X is widened to the
 * outermost loop that contains it.
 */
export function nodesToRerun(flow: Flow, fromNodeId: string): Set<string> {
  const parentOf = new Map(flow.nodes.map((n) => [n.id, n.parentId]))
  let start = fromNodeId
  for (let parent = parentOf.get(start); parent !== undefined; parent = parentOf.get(parent)) start = parent
  const targets = new Map<string, string[]>()
  for (const edge of flow.edges) targets.set(edge.source, [...(targets.get(edge.source) ?? []), edge.target])
  const children = new Map<string, string[]>()
  for (const node of flow.nodes) {
    if (node.parentId !== undefined)
      children.set(node.parentId, [...(children.get(node.parentId) ?? []), node.id])
  }
  const again = new Set<string>()
  const pending = [start]
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (again.has(id)) continue
    again.add(id)
    pending.push(...(targets.get(id) ?? []), ...(children.get(id) ?? []))
  }
  return again
}

/**
 * The parent's results a re-run from `fromNodeId` copies, so the resumed run reuses them instead of paying for
 * those nodes (model calls, HTTP requests) again. Only finished work is copied: a failed or cancelled node before X
 * runs again, as it would on any resume.
 */
export function reusableResults(
  flow: Flow,
  results: readonly NodeResult[],
  fromNodeId: string,
): NodeResult[] {
  const again = nodesToRerun(flow, fromNodeId)
  return results.filter((r) => !again.has(r.nodeId) && (r.status === 'succeeded' || r.status === 'skipped'))
}

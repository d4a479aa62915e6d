import { createFlowGraph, type NodeResult } from '@zhiliu/engine'
import type { Flow } from '@zhiliu/nodes'

/**
 * A run's node results in the order a person reads them: as they finished, then as they started, and where both
 * fall in the same millisecond (a fast step and the one after it often do), upstream before downstream, as the flow
 * runs them (its topological order, ties by document order); last by key, so loop iterations keep one order. The
 * store breaks such ties by key alone, which listed `reply` before the `slug` it follows.
 */
export function inRunOrder(results: readonly NodeResult[], document: Flow): NodeResult[] {
  const order = createFlowGraph(document).order ?? document.nodes.map((n) => n.id)
  const rank = new Map(order.map((id, i) => [id, i]))
  const rankOf = (r: NodeResult) => rank.get(r.nodeId) ?? Number.MAX_SAFE_INTEGER
  return [...results].sort(
    (a, b) =>
      a.finishedAt - b.finishedAt ||
      a.startedAt - b.startedAt ||
      rankOf(a) - rankOf(b) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
}

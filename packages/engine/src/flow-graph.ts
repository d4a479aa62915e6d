import type { Flow, FlowEdge, FlowNode } from '@zhiliu/nodes'
import { createUpstream } from './upstream-sets.ts'

/**
 * Read-only indexes over a flow document, shared by the validator and the scheduler so both agree on what
 * "upstream" and "order" mean. Edges naming missing nodes are ignored here; the validator reports them.
 */
export interface FlowGraph {
  readonly flow: Flow
  readonly nodes: ReadonlyMap<string, FlowNode>
  /** Position in the document: the deterministic tie-break wherever order is otherwise free. */
  indexOf(id: string): number
  incoming(id: string): readonly FlowEdge[]
  outgoing(id: string): readonly FlowEdge[]
  /** The body of a for-each: nodes whose `parentId` is `id`, in document order. */
  children(id: string): readonly string[]
  /** Nodes outside any for-each body, in document order. */
  readonly topLevel: readonly string[]
  /** Every node in topological order (ties by document order), or null when the edges contain a cycle. */
  readonly order: readonly string[] | null
  /** One cycle, as the node ids along it, or null. */
  readonly cycle: readonly string[] | null
  /**
   * The nodes whose output `id` may reference: its ancestors along edges and, inside a for-each body, everything
   * upstream of the enclosing for-each (but not the for-each itself, whose output exists only after the loop).
   */
  upstream(id: string): ReadonlySet<string>
}

const none: readonly never[] = []

export function createFlowGraph(flow: Flow): FlowGraph {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]))
  const index = new Map(flow.nodes.map((n, i) => [n.id, i]))
  const incoming = new Map<string, FlowEdge[]>()
  const outgoing = new Map<string, FlowEdge[]>()
  const children = new Map<string, string[]>()
  const topLevel: string[] = []
  for (const edge of flow.edges) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) continue
    push(outgoing, edge.source, edge)
    push(incoming, edge.target, edge)
  }
  for (const node of flow.nodes) {
    if (node.parentId !== undefined) push(children, node.parentId, node.id)
    else topLevel.push(node.id)
  }
  const indexOf = (id: string) => index.get(id) ?? Number.MAX_SAFE_INTEGER
  const order = topologicalOrder(flow.nodes, incoming, outgoing, indexOf)
  const cycle = order ? null : findCycle(flow.nodes, outgoing)

  const upstream = createUpstream(nodes, incoming)
  return {
    flow,
    nodes,
    indexOf,
    incoming: (id) => incoming.get(id) ?? none,
    outgoing: (id) => outgoing.get(id) ?? none,
    children: (id) => children.get(id) ?? none,
    topLevel,
    order,
    cycle,
    upstream,
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Kahn's algorithm; the ready set is kept sorted by document index so the order never depends on timing. */
function topologicalOrder(
  nodes: readonly FlowNode[],
  incoming: Map<string, FlowEdge[]>,
  outgoing: Map<string, FlowEdge[]>,
  indexOf: (id: string) => number,
): string[] | null {
  const pending = new Map<string, number>()
  const ready: string[] = []
  for (const node of nodes) {
    const count = new Set((incoming.get(node.id) ?? none).map((e) => e.source)).size
    pending.set(node.id, count)
    if (count === 0) ready.push(node.id)
  }
  const order: string[] = []
  while (ready.length > 0) {
    const id = ready.shift() as string
    order.push(id)
    const released = new Set((outgoing.get(id) ?? none).map((e) => e.target))
    for (const target of released) {
      const left = (pending.get(target) ?? 0) - 1
      pending.set(target, left)
      if (left === 0) insertSorted(ready, target, indexOf)
    }
  }
  return order.length === nodes.length ? order : null
}

function insertSorted(list: string[], id: string, indexOf: (id: string) => number): void {
  const key = indexOf(id)
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (indexOf(list[mid] as string) < key) lo = mid + 1
    else hi = mid
  }
  list.splice(lo, 0, id)
}

/** Iterative DFS with colours; returns the first back-edge's loop in document order. */
function findCycle(nodes: readonly FlowNode[], outgoing: Map<string, FlowEdge[]>): string[] | null {
  const state = new Map<string, 1 | 2>()
  for (const start of nodes) {
    if (state.has(start.id)) continue
    const path: string[] = []
    const stack: Array<{ id: string; next: number }> = [{ id: start.id, next: 0 }]
    state.set(start.id, 1)
    path.push(start.id)
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; next: number }
      const edges = outgoing.get(frame.id) ?? none
      if (frame.next >= edges.length) {
        state.set(frame.id, 2)
        stack.pop()
        path.pop()
        continue
      }
      const target = (edges[frame.next++] as FlowEdge).target
      const seen = state.get(target)
      if (seen === 1) return path.slice(path.indexOf(target))
      if (seen === undefined) {
        state.set(target, 1)
        path.push(target)
        stack.push({ id: target, next: 0 })
      }
    }
  }
  return null
}

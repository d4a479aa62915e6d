import type { FlowGraph } from '../flow-graph.ts'
import { type FlowProblem, problem } from './problem.ts'

/**
 * Reports every circle of edges, not only the first: each group of nodes that can reach one another (a strongly
 * connected component) is one problem, shown as the shortest circle through its first node in the document.
 * The problem points at the edge that closes that circle, the one a person would most likely remove.
 */
export function checkCycles(graph: FlowGraph): FlowProblem[] {
  if (graph.order) return [] // a topological order exists, so there is no cycle to look for
  const problems: FlowProblem[] = []
  for (const component of stronglyConnected(graph)) {
    const first = component.reduce((a, b) => (graph.indexOf(a) <= graph.indexOf(b) ? a : b))
    const circle = shortestCircle(graph, first, new Set(component))
    if (!circle) continue
    const closing = graph.outgoing(circle[circle.length - 1] as string).find((e) => e.target === first)
    const edgeIndex = closing ? graph.flow.edges.indexOf(closing) : -1
    problems.push(
      problem(
        'CYCLE',
        { nodes: circle },
        closing
          ? { path: ['edges', edgeIndex], edgeId: closing.id, nodeId: first }
          : { path: ['nodes', graph.indexOf(first)], nodeId: first },
      ),
    )
  }
  return problems
}

/** Tarjan's algorithm without recursion, since a long chain would overflow the stack. */
function stronglyConnected(graph: FlowGraph): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const components: string[][] = []
  let counter = 0
  for (const root of graph.nodes.keys()) {
    if (index.has(root)) continue
    const work: Array<{ id: string; next: number }> = [{ id: root, next: 0 }]
    index.set(root, counter)
    low.set(root, counter++)
    stack.push(root)
    onStack.add(root)
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; next: number }
      const edges = graph.outgoing(frame.id)
      if (frame.next < edges.length) {
        const target = (edges[frame.next++] as { target: string }).target
        if (!index.has(target)) {
          index.set(target, counter)
          low.set(target, counter++)
          stack.push(target)
          onStack.add(target)
          work.push({ id: target, next: 0 })
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(target) as number))
        }
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number))
      if (low.get(frame.id) !== index.get(frame.id)) continue
      const component: string[] = []
      let member: string
      do {
        member = stack.pop() as string
        onStack.delete(member)
        component.push(member)
      } while (member !== frame.id)
      const selfLoop = graph.outgoing(frame.id).some((e) => e.target === frame.id)
      if (component.length > 1 || selfLoop) components.push(component)
    }
  }
  return components.sort((a, b) => Math.min(...a.map(graph.indexOf)) - Math.min(...b.map(graph.indexOf)))
}

/** Breadth-first from `start` inside its component back to itself, so the circle shown is as short as possible. */
function shortestCircle(graph: FlowGraph, start: string, within: ReadonlySet<string>): string[] | null {
  const previous = new Map<string, string>()
  const queue = [start]
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string
    for (const edge of graph.outgoing(id)) {
      if (edge.target === start) {
        const circle = [id]
        for (let at = id; at !== start; at = previous.get(at) as string)
          circle.push(previous.get(at) as string)
        return circle.reverse()
      }
      if (!within.has(edge.target) || previous.has(edge.target)) continue
      previous.set(edge.target, id)
      queue.push(edge.target)
    }
  }
  return null
}

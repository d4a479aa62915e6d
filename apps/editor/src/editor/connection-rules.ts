import type { Connection } from '@xyflow/react'
import { validateFlow } from '@zhiliu/engine'
import { entryFor } from '../catalogue/catalogue-store.ts'
import type { CanvasEdge, CanvasNode, FlowMeta } from './flow-mapping.ts'
import { toDocument } from './flow-mapping.ts'
import type { Hint } from './hint.ts'

/** Whether `to` can already reach `from`: then from → to would close a circle. */
function reaches(edges: readonly CanvasEdge[], from: string, to: string): boolean {
  const next = new Map<string, string[]>()
  for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target])
  const seen = new Set<string>()
  const stack = [from]
  while (stack.length > 0) {
    const id = stack.pop() as string
    if (id === to) return true
    if (seen.has(id)) continue
    seen.add(id)
    stack.push(...(next.get(id) ?? []))
  }
  return false
}

/**
 * The cheap checks React Flow runs while a wire is dragged over handles: they must answer in microseconds, so they
 * look only at the two nodes and the edges.
 */
export function quickConnectionProblem(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  c: Connection,
): Hint | undefined {
  if (c.source === c.target) return { key: 'connect.self', tone: 'error' }
  const target = nodes.find((n) => n.id === c.target)
  const source = nodes.find((n) => n.id === c.source)
  if (!target || !source) return { key: 'connect.missing', tone: 'error' }
  const entry = entryFor(target.data.type, target.data.version)
  if (entry?.category === 'trigger') return { key: 'connect.intoTrigger', tone: 'error' }
  if (source.parentId !== target.parentId) return { key: 'connect.crossesLoop', tone: 'error' }
  const sameWire = edges.some(
    (e) =>
      e.source === c.source &&
      e.target === c.target &&
      (e.sourceHandle ?? 'out') === (c.sourceHandle ?? 'out') &&
      (e.targetHandle ?? 'in') === (c.targetHandle ?? 'in'),
  )
  if (sameWire) return { key: 'connect.duplicate', tone: 'error' }
  if (reaches(edges, c.target, c.source)) return { key: 'connect.cycle', tone: 'error' }
  return undefined
}

/**
 * The full check before an edge is added: the quick rules, then the shared validator on the flow with the new
 * edge, so the editor refuses exactly what the engine would refuse (an unknown port, a disabled error port…).
 */
export function connectionProblem(
  meta: FlowMeta,
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  candidate: CanvasEdge,
): Hint | undefined {
  const quick = quickConnectionProblem(nodes, edges, {
    source: candidate.source,
    target: candidate.target,
    sourceHandle: candidate.sourceHandle ?? null,
    targetHandle: candidate.targetHandle ?? null,
  })
  if (quick) return quick
  const result = validateFlow(toDocument(meta, nodes, [...edges, candidate]))
  const found = result.problems.find((p) => p.edgeId === candidate.id && p.severity === 'error')
  return found ? { text: found.localized, tone: 'error' } : undefined
}

import { type FlowProblem, validateFlow } from '@zhiliu/engine'
import type { CanvasEdge, CanvasNode, FlowMeta } from './flow-mapping.ts'
import { toDocument } from './flow-mapping.ts'

export interface ValidationView {
  problems: readonly FlowProblem[]
  byNode: ReadonlyMap<string, readonly FlowProblem[]>
  errorCount: number
}

interface Inputs {
  meta: FlowMeta
  nodes: readonly CanvasNode[]
  edges: readonly CanvasEdge[]
}

const none: readonly FlowProblem[] = []
let last: { inputs: Inputs; view: ValidationView } | undefined

/** Positions and selection never change what the validator says; only ids, data, parents and edges do. */
function sameGraph(a: Inputs, b: Inputs): boolean {
  if (a.meta !== b.meta || a.edges.length !== b.edges.length || a.nodes.length !== b.nodes.length)
    return false
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i]
    const y = b.nodes[i]
    if (!x || !y || x.id !== y.id || x.data !== y.data || x.parentId !== y.parentId) return false
  }
  for (let i = 0; i < a.edges.length; i++) {
    const x = a.edges[i]
    const y = b.edges[i]
    if (!x || !y) return false
    if (x.source !== y.source || x.target !== y.target) return false
    if (x.sourceHandle !== y.sourceHandle || x.targetHandle !== y.targetHandle || x.id !== y.id) return false
  }
  return true
}

/**
 * The shared validator's verdict on the flow being edited, computed at most once per graph change. Every node view
 * asks for its own problems through this, so dragging 500 nodes costs one identity check per node view.
 */
export function validationOf(inputs: Inputs): ValidationView {
  if (last) {
    const prev = last.inputs
    if (prev.meta === inputs.meta && prev.nodes === inputs.nodes && prev.edges === inputs.edges)
      return last.view
    if (sameGraph(prev, inputs)) {
      last = { inputs, view: last.view }
      return last.view
    }
  }
  const result = validateFlow(toDocument(inputs.meta, inputs.nodes, inputs.edges))
  const byNode = new Map<string, FlowProblem[]>()
  for (const p of result.problems) {
    const id = p.nodeId ?? edgeTarget(p, inputs.edges)
    if (!id) continue
    const list = byNode.get(id) ?? []
    list.push(p)
    byNode.set(id, list)
  }
  const view = {
    problems: result.problems,
    byNode,
    errorCount: result.problems.filter((p) => p.severity === 'error').length,
  }
  last = { inputs, view }
  return view
}

/** A connection's problem is shown on the node it leads into, where the person will look for it. */
function edgeTarget(p: FlowProblem, edges: readonly CanvasEdge[]): string | undefined {
  if (p.edgeId === undefined) return undefined
  return edges.find((e) => e.id === p.edgeId)?.target
}

export function problemsOf(view: ValidationView, nodeId: string): readonly FlowProblem[] {
  return view.byNode.get(nodeId) ?? none
}

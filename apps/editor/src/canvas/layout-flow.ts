import type { XYPosition } from '@xyflow/react'
import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js'

export interface LayoutNode {
  id: string
  width: number
  height: number
  /** Output handle ids top to bottom, so a switch's branches keep their order after layout. */
  outputs: readonly string[]
}

export interface LayoutEdge {
  id: string
  source: string
  sourceHandle: string
  target: string
}

const COMPONENT_GAP = 96

/** Groups of nodes joined by edges (direction ignored), in the order their first node appears. */
export function connectedGroups(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): LayoutNode[][] {
  const neighbours = new Map<string, string[]>(nodes.map((n) => [n.id, []]))
  for (const e of edges) {
    neighbours.get(e.source)?.push(e.target)
    neighbours.get(e.target)?.push(e.source)
  }
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const seen = new Set<string>()
  const groups: LayoutNode[][] = []
  for (const start of nodes) {
    if (seen.has(start.id)) continue
    const group: LayoutNode[] = []
    const queue = [start.id]
    seen.add(start.id)
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const node = byId.get(id)
      if (node) group.push(node)
      for (const next of neighbours.get(id) ?? []) {
        if (seen.has(next) || !byId.has(next)) continue
        seen.add(next)
        queue.push(next)
      }
    }
    groups.push(group)
  }
  return groups
}

/**
 * Left-to-right layered layout with ELK. Pure: nodes and edges in, positions out. Each group of connected nodes is
 * laid out on its own and the groups are stacked top to bottom, so a node that is not connected never sits in line
 * with a chain it has no part in, looking joined to it. ELK is large, so it is loaded on first use and never slows
 * the editor's start.
 */
export async function layoutFlow(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
): Promise<Map<string, XYPosition>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js')
  const elk = new ELK()
  const positions = new Map<string, XYPosition>()
  let top = 0
  for (const group of connectedGroups(nodes, edges)) {
    const ids = new Set(group.map((n) => n.id))
    const placed = await layoutGroup(
      elk,
      group,
      edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    )
    let bottom = top
    for (const n of group) {
      const p = placed.get(n.id) ?? { x: 0, y: 0 }
      positions.set(n.id, { x: p.x, y: top + p.y })
      bottom = Math.max(bottom, top + p.y + n.height)
    }
    top = bottom + COMPONENT_GAP
  }
  return positions
}

async function layoutGroup(
  elk: ELK,
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
): Promise<Map<string, XYPosition>> {
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.padding': '[top=0,left=0,bottom=0,right=0]',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '96',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.width,
      height: n.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: n.outputs.map((port, index) => ({
        id: `${n.id}::${port}`,
        layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(index) },
      })),
    })),
    edges: edges.map((e) => {
      const port = nodes.find((n) => n.id === e.source)?.outputs.includes(e.sourceHandle)
      return {
        id: e.id,
        sources: [port ? `${e.source}::${e.sourceHandle}` : e.source],
        targets: [e.target],
      }
    }),
  }
  const result = await elk.layout(graph)
  return new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]))
}

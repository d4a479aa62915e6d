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
/**
 * At most this many steps side by side: a longer chain continues on a row below, as text wraps. Seven steps in one
 * row fit a 1024-pixel projector only at about a third of their size, too small to read; four rows across fit at
 * about two thirds, and still fill a 1920-pixel screen.
 */
export const MAX_COLUMNS = 4
/** Nodes of one layer share their left edge; anything closer than this (less than a node's width) is one layer. */
const SAME_LAYER = 50

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
    const placed = wrapRows(
      await layoutGroup(
        elk,
        group,
        edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
      ),
      group,
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

/**
 * A group laid out wider than MAX_COLUMNS layers, cut into rows of that many layers: each row starts at the left and
 * sits below the one before with the group's own height and a gap between, so no row's node touches another's.
 */
export function wrapRows(
  placed: ReadonlyMap<string, XYPosition>,
  nodes: readonly LayoutNode[],
): Map<string, XYPosition> {
  const at = (n: LayoutNode) => placed.get(n.id) ?? { x: 0, y: 0 }
  const layers: number[] = []
  for (const x of nodes.map((n) => at(n).x).sort((a, b) => a - b)) {
    const last = layers.at(-1)
    if (last === undefined || x - last > SAME_LAYER) layers.push(x)
  }
  if (layers.length <= MAX_COLUMNS) return new Map(placed)
  const top = Math.min(...nodes.map((n) => at(n).y))
  const height = Math.max(...nodes.map((n) => at(n).y + n.height)) - top
  const layerOf = (x: number) => layers.findLastIndex((l) => x >= l - SAME_LAYER)
  const wrapped = new Map<string, XYPosition>()
  for (const n of nodes) {
    const { x, y } = at(n)
    const row = Math.floor(Math.max(0, layerOf(x)) / MAX_COLUMNS)
    const rowStart = layers[row * MAX_COLUMNS] ?? 0
    wrapped.set(n.id, { x: x - rowStart + (layers[0] ?? 0), y: y + row * (height + COMPONENT_GAP) })
  }
  return wrapped
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

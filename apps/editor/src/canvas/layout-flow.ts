import type { XYPosition } from '@xyflow/react'
import type { ElkNode } from 'elkjs/lib/elk-api.js'

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

/**
 * Left-to-right layered layout with ELK. Pure: nodes and edges in, positions out. ELK is large, so it is loaded
 * on first use and never slows the editor's start.
 */
export async function layoutFlow(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
): Promise<Map<string, XYPosition>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js')
  const ids = new Set(nodes.map((n) => n.id))
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
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
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => {
        const port = nodes.find((n) => n.id === e.source)?.outputs.includes(e.sourceHandle)
        return {
          id: e.id,
          sources: [port ? `${e.source}::${e.sourceHandle}` : e.source],
          targets: [e.target],
        }
      }),
  }
  const result = await new ELK().layout(graph)
  return new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]))
}

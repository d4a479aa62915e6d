import type { XYPosition } from '@xyflow/react'
import type { CanvasEdge, CanvasNode } from './flow-mapping.ts'
import { newEdgeId, newNodeId } from './new-ids.ts'

export interface Clip {
  nodes: CanvasNode[]
  edges: CanvasEdge[]
}

/** The selected nodes and the connections between them; a connection to an unselected node is left behind. */
export function copySelection(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Clip | undefined {
  const picked = nodes.filter((n) => n.selected)
  if (picked.length === 0) return undefined
  const ids = new Set(picked.map((n) => n.id))
  return { nodes: picked, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) }
}

/** Rewrites `nodes.<old>` in every string of a config, so pasted nodes read each other rather than the originals. */
function renameRefs(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\bnodes\.([A-Za-z_][A-Za-z0-9_]*)/g, (whole, id: string) => {
      const renamed = renames.get(id)
      return renamed ? `nodes.${renamed}` : whole
    })
  }
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, renames))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameRefs(v, renames)]))
  }
  return value
}

/**
 * Fresh copies of a clip: new ids, shifted by `offset` (see pasteOffset) so they cover no node, selected so they can be moved at
 * once. A pasted loop body whose loop was not copied lands at the top level.
 */
export function pasteClip(clip: Clip, taken: ReadonlySet<string>, offset: XYPosition): Clip {
  const used = new Set(taken)
  const renames = new Map<string, string>()
  for (const n of clip.nodes) {
    const id = newNodeId(n.data.type, used)
    used.add(id)
    renames.set(n.id, id)
  }
  const nodes = clip.nodes.map((n): CanvasNode => {
    const parentId = n.parentId ? renames.get(n.parentId) : undefined
    const moved = parentId ? n.position : { x: n.position.x + offset.x, y: n.position.y + offset.y }
    const config = renameRefs(n.data.config, renames) as Record<string, unknown>
    return {
      id: renames.get(n.id) ?? n.id,
      type: 'flow',
      position: moved,
      ...(parentId ? { parentId } : {}),
      data: { ...n.data, config },
      selected: true,
    }
  })
  const edges = clip.edges.map(
    (e): CanvasEdge => ({
      ...e,
      id: newEdgeId(),
      source: renames.get(e.source) ?? e.source,
      target: renames.get(e.target) ?? e.target,
      selected: false,
    }),
  )
  return { nodes, edges }
}

import { entryFor } from '../catalogue/catalogue-store.ts'
import { outputPortsOf } from '../catalogue/node-ports.ts'
import type { CanvasEdge, CanvasNode } from '../editor/flow-mapping.ts'
import type { LayoutEdge, LayoutNode } from './layout-flow.ts'

export interface Size {
  width: number
  height: number
}

/** A node not measured yet: about the editor's card. */
const UNMEASURED: Size = { width: 220, height: 90 }

/**
 * What layoutFlow needs of the canvas: the top-level nodes (a loop's body moves with its loop) with their sizes and
 * output ports in order, and the edges. `sizeOf` gives a node's size, by default the one the canvas measured.
 */
export function layoutInput(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  sizeOf: (node: CanvasNode) => Partial<Size> | undefined = (n) => n.measured,
): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  return {
    nodes: nodes
      .filter((n) => !n.parentId)
      .map((n) => {
        const size = sizeOf(n)
        return {
          id: n.id,
          width: size?.width ?? UNMEASURED.width,
          height: size?.height ?? UNMEASURED.height,
          outputs: outputPortsOf(entryFor(n.data.type, n.data.version), n.data.config, n.data.settings).map(
            (p) => p.name,
          ),
        }
      }),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle ?? 'out',
      target: e.target,
    })),
  }
}

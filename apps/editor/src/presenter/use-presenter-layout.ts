import type { XYPosition } from '@xyflow/react'
import { useEffect, useRef, useState } from 'react'
import { layoutFlow } from '../canvas/layout-flow.ts'
import { layoutInput, type Size } from '../canvas/layout-input.ts'
import { useEditor } from '../editor/editor-store.ts'
import { grownSizes } from './grown-sizes.ts'

/** The top-level nodes' measured sizes, as one string so that the selector re-renders only when one changes. */
const measuredKey = (nodes: ReturnType<typeof useEditor.getState>['nodes']) =>
  nodes
    .filter((n) => !n.parentId)
    .map((n) => `${n.id}:${n.measured?.width ?? ''}x${n.measured?.height ?? ''}`)
    .join(' ')

/**
 * Where the presenter view draws the nodes: laid out afresh (layout-flow.ts) for the sizes they show at there. Its
 * titles grow as the canvas zooms out, so a node is taller than in the editor, and the editor's positions would stack
 * a branch's nodes onto each other. The stored flow keeps its own positions; undefined until the nodes are measured.
 *
 * The layout and the fit depend on each other (a layout that fits at a smaller zoom makes the titles larger again),
 * so each node is laid out at the largest size it has shown at, and the view is fitted again after each layout
 * (presenter-panel.tsx): the sizes only grow, and settle after a round or two.
 */
export function usePresenterLayout(): ReadonlyMap<string, XYPosition> | undefined {
  const measured = useEditor((s) => measuredKey(s.nodes))
  const edges = useEditor((s) => s.edges)
  const [positions, setPositions] = useState<Map<string, XYPosition>>()
  /** What the last layout was made for: each node's largest size, and the edges. */
  const laidOut = useRef<{ sizes: ReadonlyMap<string, Size>; edges: typeof edges }>(undefined)
  const latest = useRef(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `measured` stands for the sizes read from the store
  useEffect(() => {
    const nodes = useEditor.getState().nodes.filter((n) => !n.parentId)
    const sizes = new Map<string, Size>()
    for (const n of nodes) {
      if (!n.measured?.width || !n.measured.height) return
      sizes.set(n.id, { width: n.measured.width, height: n.measured.height })
    }
    const grown = grownSizes(laidOut.current?.sizes ?? new Map(), sizes)
    if (laidOut.current && !grown && laidOut.current.edges === edges) return
    const largest = grown ?? laidOut.current?.sizes ?? sizes
    laidOut.current = { sizes: largest, edges }
    const input = layoutInput(nodes, edges, (n) => largest.get(n.id))
    // Layouts are asynchronous: only the one asked for last is drawn.
    const asked = ++latest.current
    void layoutFlow(input.nodes, input.edges).then((next) => {
      if (asked === latest.current) setPositions(next)
    })
  }, [measured, edges])
  return positions
}

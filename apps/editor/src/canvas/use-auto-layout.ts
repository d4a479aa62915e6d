import { useReactFlow } from '@xyflow/react'
import { useCallback, useState } from 'react'
import { entryFor } from '../catalogue/catalogue-store.ts'
import { outputPortsOf } from '../catalogue/node-ports.ts'
import { useEditor } from '../editor/editor-store.ts'
import { layoutFlow } from './layout-flow.ts'

/** Tidies the top-level nodes with ELK as one undo step, then fits them into view. */
export function useAutoLayout(): { layout: () => Promise<void>; busy: boolean } {
  const flow = useReactFlow()
  const [busy, setBusy] = useState(false)
  const layout = useCallback(async () => {
    const { nodes, edges, setPositions } = useEditor.getState()
    const top = nodes.filter((n) => !n.parentId)
    setBusy(true)
    try {
      const positions = await layoutFlow(
        top.map((n) => ({
          id: n.id,
          width: n.measured?.width ?? 220,
          height: n.measured?.height ?? 90,
          outputs: outputPortsOf(entryFor(n.data.type, n.data.version), n.data.config, n.data.settings).map(
            (p) => p.name,
          ),
        })),
        edges.map((e) => ({
          id: e.id,
          source: e.source,
          sourceHandle: e.sourceHandle ?? 'out',
          target: e.target,
        })),
      )
      setPositions(positions)
      requestAnimationFrame(() => void flow.fitView({ padding: 0.15, duration: 300 }))
    } finally {
      setBusy(false)
    }
  }, [flow])
  return { layout, busy }
}

import { useReactFlow } from '@xyflow/react'
import { useCallback, useState } from 'react'
import { useEditor } from '../editor/editor-store.ts'
import { layoutFlow } from './layout-flow.ts'
import { layoutInput } from './layout-input.ts'

/** Tidies the top-level nodes with ELK as one undo step, then fits them into view. */
export function useAutoLayout(): { layout: () => Promise<void>; busy: boolean } {
  const flow = useReactFlow()
  const [busy, setBusy] = useState(false)
  const layout = useCallback(async () => {
    const { nodes, edges, setPositions } = useEditor.getState()
    setBusy(true)
    try {
      const input = layoutInput(nodes, edges)
      const positions = await layoutFlow(input.nodes, input.edges)
      setPositions(positions)
      requestAnimationFrame(() => void flow.fitView({ padding: 0.15, duration: 300 }))
    } finally {
      setBusy(false)
    }
  }, [flow])
  return { layout, busy }
}

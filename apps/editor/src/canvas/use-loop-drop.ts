import { type Node, useReactFlow, type XYPosition } from '@xyflow/react'
import { useCallback } from 'react'
import { entryFor } from '../catalogue/catalogue-store.ts'
import { useEditor } from '../editor/editor-store.ts'
import type { CanvasEdge, CanvasNode } from '../editor/flow-mapping.ts'
import { bodyPosition, type LoopRect, loopAt } from '../editor/loop-frames.ts'

const isLoop = (n: CanvasNode) => entryFor(n.data.type, n.data.version)?.iterates === true
const isTrigger = (n: CanvasNode) => entryFor(n.data.type, n.data.version)?.category === 'trigger'

/**
 * Putting steps into a loop's frame and taking them out, by dragging: where a node is let go decides whether it
 * belongs to a loop's body, which is what `parentId` means to the engine.
 */
export function useLoopDrop() {
  const flow = useReactFlow<CanvasNode, CanvasEdge>()

  const loopRects = useCallback((): LoopRect[] => {
    return useEditor
      .getState()
      .nodes.filter(isLoop)
      .flatMap((n) => {
        const internal = flow.getInternalNode(n.id)
        if (!internal) return []
        const { x, y } = internal.internals.positionAbsolute
        return [
          { id: n.id, x, y, width: internal.measured.width ?? 0, height: internal.measured.height ?? 0 },
        ]
      })
  }, [flow])

  /** The loop (and the body position in it) at a point in flow coordinates, for a node dropped from the palette. */
  const loopForDrop = useCallback(
    (point: XYPosition): { parentId: string; position: XYPosition } | undefined => {
      const loop = loopAt(point, loopRects())
      return loop ? { parentId: loop.id, position: bodyPosition(point, loop) } : undefined
    },
    [loopRects],
  )

  const onNodeDragStop = useCallback(
    (_: unknown, dragged: Node) => {
      const { nodes, setParent } = useEditor.getState()
      const node = nodes.find((n) => n.id === dragged.id)
      const internal = flow.getInternalNode(dragged.id)
      if (!node || !internal || isTrigger(node)) return
      const abs = internal.internals.positionAbsolute
      const centre = {
        x: abs.x + (internal.measured.width ?? 0) / 2,
        y: abs.y + (internal.measured.height ?? 0) / 2,
      }
      // A loop never goes inside itself or inside a loop of its own body.
      const inside = (id: string): boolean =>
        id === node.id || nodes.some((n) => n.id === id && !!n.parentId && inside(n.parentId))
      const loop = loopAt(
        centre,
        loopRects().filter((l) => !inside(l.id)),
      )
      if (loop?.id === node.parentId) return
      if (loop) setParent(node.id, loop.id, bodyPosition(abs, loop))
      else if (node.parentId) setParent(node.id, undefined, abs)
    },
    [flow, loopRects],
  )

  return { loopForDrop, onNodeDragStop }
}

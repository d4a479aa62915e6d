import { useReactFlow } from '@xyflow/react'
import { type RefObject, useCallback, useEffect, useRef } from 'react'
import { FIT_VIEW, needsRefit } from './view-fit.ts'

/**
 * Fits the flow in again when the canvas changes size (a window resized, a projector plugged in, the settings panel
 * or the run bar opened): always while the view is still a fitted one, and otherwise when the nodes no longer show
 * whole or lie under the mini map. Once the person pans or zooms, a view that still shows the flow is left as they
 * made it. Returns the handler that notices them doing so (React Flow's `onMoveStart`).
 */
export function useRefitOnResize(
  ref: RefObject<HTMLElement | null>,
  /** Whether the view starts fitted: not on an empty canvas, whose first dropped node must stay under the hand. */
  fittedAtStart: boolean,
): {
  onMoveStart: (event: MouseEvent | TouchEvent | null) => void
} {
  const flow = useReactFlow()
  const fitted = useRef(fittedAtStart)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    let size = { width: el.clientWidth, height: el.clientHeight }
    let frame = 0
    const observer = new ResizeObserver(() => {
      const next = { width: el.clientWidth, height: el.clientHeight }
      if (next.width === size.width && next.height === size.height) return
      size = next
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        const nodes = flow.getNodes().filter((n) => !n.parentId)
        if (nodes.length === 0) return
        const bounds = flow.getNodesBounds(nodes)
        const { x, y, zoom } = flow.getViewport()
        const shown = {
          x: bounds.x * zoom + x,
          y: bounds.y * zoom + y,
          width: bounds.width * zoom,
          height: bounds.height * zoom,
        }
        if (!fitted.current && !needsRefit(shown, size)) return
        fitted.current = true
        void flow.fitView({ ...FIT_VIEW, duration: 200 })
      })
    })
    observer.observe(el)
    return () => {
      observer.disconnect()
      cancelAnimationFrame(frame)
    }
  }, [flow, ref])
  // Only a person's pan or zoom comes with an event; the editor's own fits do not.
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) fitted.current = false
  }, [])
  return { onMoveStart }
}

import { useReactFlow } from '@xyflow/react'
import { type RefObject, useEffect } from 'react'
import { FIT_VIEW, needsRefit } from './view-fit.ts'

/**
 * Fits the flow in again when the canvas changes size and the nodes no longer show whole (or lie under the mini
 * map): a window resized, a projector plugged in, the settings panel or the run bar opened. A flow that still shows
 * whole is left where the person put it.
 */
export function useRefitOnResize(ref: RefObject<HTMLElement | null>): void {
  const flow = useReactFlow()
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
        if (needsRefit(shown, size)) void flow.fitView({ ...FIT_VIEW, duration: 200 })
      })
    })
    observer.observe(el)
    return () => {
      observer.disconnect()
      cancelAnimationFrame(frame)
    }
  }, [flow, ref])
}

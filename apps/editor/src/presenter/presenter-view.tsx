import { useStoreApi } from '@xyflow/react'
import { useEffect, useRef } from 'react'
import { FlowCanvas } from '../canvas/flow-canvas.tsx'
import { PresenterPanel } from './presenter-panel.tsx'
import { usePresenterLayout } from './use-presenter-layout.ts'

/**
 * Presenter view (演示模式): the read-only canvas and the panel beside it. Must sit inside a ReactFlowProvider.
 *
 * Fitting a seven-step flow to a projector zooms the canvas out to about half, which would shrink 30 px titles to
 * 16; so the canvas's zoom is handed to the stylesheet as `--presenter-zoom`, and presenter.css sizes the titles
 * against it to stay readable from the back of the hall at any fit. Set on the element directly, not through
 * state: the zoom changes on every frame of a pan, and re-rendering the canvas for each would be wasted work.
 */
export function PresenterView() {
  const ref = useRef<HTMLDivElement>(null)
  const store = useStoreApi()
  const positions = usePresenterLayout()
  useEffect(() => {
    const show = (zoom: number) => ref.current?.style.setProperty('--presenter-zoom', String(zoom))
    show(store.getState().transform[2])
    return store.subscribe((state) => show(state.transform[2]))
  }, [store])
  return (
    <div className="editor editor--presenter" data-testid="presenter" ref={ref}>
      <div className="editor__main editor__main--presenter">
        <FlowCanvas readOnly paletteOpen={false} onTogglePalette={() => undefined} positions={positions} />
        <PresenterPanel positions={positions} />
      </div>
    </div>
  )
}

import { ReactFlowProvider } from '@xyflow/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getFlow } from '../api/flows-api.ts'
import { FlowCanvas } from '../canvas/flow-canvas.tsx'
import { Palette } from '../canvas/palette.tsx'
import { ConfigPanel } from '../config/config-panel.tsx'
import { startAutosave } from '../editor/autosave.ts'
import { selectSingleSelectedId, useEditor } from '../editor/editor-store.ts'
import { adoptPublished } from '../editor/published-state.ts'
import { usePresenter, usePresenterKeys } from '../presenter/presenter-mode.ts'
import { PresenterView } from '../presenter/presenter-view.tsx'
import { stopReplay, useReplay } from '../run/replay-run.ts'
import { RunBar } from '../run/run-bar.tsx'
import { openRun, showRun, stopFollowing } from '../run/run-controller.ts'
import { useRun } from '../run/run-store.ts'
import { EditorToolbar } from '../toolbar/editor-toolbar.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { PHONE_SCREEN, useMediaQuery } from '../ui/use-media-query.ts'

/** Below this width the palette, the canvas and the settings panel do not all fit side by side. */
const NARROW_SCREEN = '(max-width: 1279px)'

/**
 * The editor for one flow: palette, canvas, config panel and run bar. With `runId` it also shows a recorded run's
 * badges and data on the canvas, so a past run can be inspected (and re-run from a node) where it happened.
 */
export function EditorPage({ flowId, runId }: { flowId: string; runId?: string }) {
  const { t } = useTranslation()
  const [state, setState] = useState<'loading' | 'ready' | { error: unknown }>('loading')
  const hasSelection = useEditor((s) => selectSingleSelectedId(s) !== undefined)
  const narrow = useMediaQuery(NARROW_SCREEN)
  // On a phone the palette alone would take half the width, so it starts folded away.
  const phone = useMediaQuery(PHONE_SCREEN)
  // The user's own choice wins; until they make one, a narrow screen gives the palette's room to the settings panel
  // while a step is selected (on 1024 pixels the canvas would otherwise keep under half the width).
  const [paletteChoice, setPaletteChoice] = useState<boolean>()
  const paletteOpen = paletteChoice ?? !(phone || (narrow && hasSelection))
  const presenting = usePresenter((s) => s.on)
  usePresenterKeys()

  useEffect(() => {
    let stop: (() => void) | undefined
    let cancelled = false
    setState('loading')
    getFlow(flowId)
      .then((flow) => {
        if (cancelled) return
        useEditor.getState().load(flowId, flow.document)
        adoptPublished(flow)
        stop = startAutosave(flow.updatedAt)
        setState('ready')
      })
      .catch((error: unknown) => !cancelled && setState({ error }))
    return () => {
      cancelled = true
      stop?.()
      stopFollowing()
      stopReplay()
      useRun.getState().clear()
    }
  }, [flowId])

  useEffect(() => {
    if (state !== 'ready') return
    if (runId) void openRun(runId).catch(() => undefined)
    // A run imported from a file is shown ready to replay on the flow created for it.
    const { imported, importedFlowId } = useReplay.getState()
    if (!runId && imported && importedFlowId === flowId) showRun(imported)
  }, [runId, state, flowId])

  if (state === 'loading') return <p className="page-message">{t('common.loading')}</p>
  if (typeof state === 'object') {
    return (
      <div className="page-message">
        <ErrorText error={state.error} />
        <a className="btn" href="#/flows">
          {t('editor.backToFlows')}
        </a>
      </div>
    )
  }
  if (presenting) {
    return (
      <ReactFlowProvider>
        <PresenterView />
      </ReactFlowProvider>
    )
  }
  return (
    <ReactFlowProvider>
      <div className="editor">
        <EditorToolbar flowId={flowId} />
        <div
          className={`editor__main${hasSelection ? '' : ' editor__main--no-panel'}${paletteOpen ? '' : ' editor__main--no-palette'}`}
        >
          <Palette />
          <FlowCanvas paletteOpen={paletteOpen} onTogglePalette={() => setPaletteChoice(!paletteOpen)} />
          {hasSelection && <ConfigPanel readOnly={false} />}
        </div>
        <RunBar />
      </div>
    </ReactFlowProvider>
  )
}

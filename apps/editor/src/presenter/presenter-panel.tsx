import { useReactFlow, type XYPosition } from '@xyflow/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { FIT_VIEW } from '../canvas/view-fit.ts'
import { useEntry } from '../catalogue/catalogue-store.ts'
import { useEditor } from '../editor/editor-store.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { liveText } from '../run/live-text.ts'
import { ReplayControls } from '../run/replay-controls.tsx'
import { useRun } from '../run/run-store.ts'
import { focusedNode } from './focused-node.ts'
import { setPresenter } from './presenter-mode.ts'
import { usePausedBefore } from './use-paused-before.ts'

/**
 * The side of the presenter view: the node the run is at, a caption saying what it does (its definition's
 * description), and its model text in large type as it streams. Keeps that node centred on the canvas, or the
 * whole flow in view before a run; again after each presenter layout (`positions`), which moves the nodes.
 */
export function PresenterPanel({ positions }: { positions?: ReadonlyMap<string, XYPosition> }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const pausedBefore = usePausedBefore()
  const nodeId = useRun((s) => focusedNode(s, pausedBefore))
  const streamed = useRun((s) => (nodeId ? s.text[nodeId] : undefined))
  const finalText = useRun((s) => {
    const output = nodeId ? s.results[nodeId]?.output : undefined
    const text =
      typeof output === 'object' && output !== null ? (output as { text?: unknown }).text : undefined
    return typeof text === 'string' ? text : undefined
  })
  const node = useEditor((s) => s.nodes.find((n) => n.id === nodeId))
  const entry = useEntry(node?.data.type ?? '', node?.data.version ?? 0)
  const flow = useReactFlow()
  const runId = useRun((s) => s.runId)

  useEffect(() => {
    // After React Flow has drawn the nodes where the layout put them.
    const frame = requestAnimationFrame(() => {
      if (nodeId) void flow.fitView({ nodes: [{ id: nodeId }], maxZoom: 1.2, minZoom: 0.6, duration: 400 })
      else if (positions) void flow.fitView(FIT_VIEW)
    })
    return () => cancelAnimationFrame(frame)
  }, [nodeId, flow, positions])

  const title = node ? node.data.name || entry?.title[locale] || node.data.type : undefined
  const text = streamed ?? finalText
  return (
    <aside className="presenter-panel" aria-label={t('presenter.on')} data-testid="presenter-panel">
      <button
        type="button"
        className="btn btn--small presenter-panel__exit"
        onClick={() => setPresenter(false)}
        data-testid="presenter-exit"
      >
        {t('presenter.off')}
      </button>
      {runId && <ReplayControls runId={runId} />}
      {node ? (
        <>
          <h2 className="presenter-panel__title" data-testid="presenter-node">
            {title}
          </h2>
          {entry && (
            <p className="presenter-panel__caption" data-testid="presenter-caption">
              {entry.description[locale]}
            </p>
          )}
          {text && (
            <section className="presenter-panel__text" data-testid="presenter-text" aria-live="polite">
              <h3>{t('presenter.text')}</h3>
              <p>{node ? liveText(text, node.data, locale) : text}</p>
            </section>
          )}
        </>
      ) : (
        <p className="presenter-panel__caption">{t('presenter.waiting')}</p>
      )}
    </aside>
  )
}

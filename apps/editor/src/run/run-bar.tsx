import { useReactFlow } from '@xyflow/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { cancelRun } from '../api/runs-api.ts'
import { nodeLabel } from '../config/variable-labels.ts'
import { useEditor } from '../editor/editor-store.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { hrefFor } from '../routing/use-route.ts'
import { RunErrorText } from '../ui/error-text.tsx'
import { formatDuration } from '../ui/format-time.ts'
import { ProblemList, problemsIn } from '../ui/problem-list.tsx'
import { AttentionPanel } from './attention-panel.tsx'
import { PausedPanel } from './paused-panel.tsx'
import { ReplayControls } from './replay-controls.tsx'
import { stopReplay, useReplay } from './replay-run.ts'
import { ResultView } from './result-view.tsx'
import { useRun } from './run-store.ts'
import { usageText } from './usage-text.ts'
import { useFieldLabel } from './use-field-label.ts'

/**
 * Under the canvas while a run is on screen: how it is going, then its result or what went wrong, with a link to
 * the failing node. Collapsible, so a projector's small screen keeps room for the canvas.
 */
export function RunBar() {
  const { t } = useTranslation()
  const status = useRun((s) => s.status)
  const outcome = useRun((s) => s.outcome)
  const runId = useRun((s) => s.runId)
  const startedAt = useRun((s) => s.startedAt)
  const paused = useRun((s) => s.paused)
  const clear = useRun((s) => s.clear)
  const locale = useLocale()
  const usage = usageText(
    useRun((s) => s.usage),
    locale,
  )
  // A lesson pack's runs answer from its recording: say so, so nobody takes it for a live model.
  const recorded = useRun((s) =>
    Object.values(s.results).some(
      (r) => (r.output as { provider?: unknown } | undefined)?.provider === 'recording',
    ),
  )
  const replaying = useReplay((s) => s.playing !== undefined && s.playing === runId)
  const [open, setOpen] = useState(true)
  const flow = useReactFlow()
  const failedNode = outcome?.error?.nodeId
  const fieldLabel = useFieldLabel(failedNode, outcome?.error)
  // The failing step as the canvas titles it, not by its id; the id only for a step no longer on the canvas.
  const failedName = useEditor((s) => {
    const data = failedNode === undefined ? undefined : s.nodes.find((n) => n.id === failedNode)?.data
    return data ? nodeLabel(data, locale) : failedNode
  })
  if (status === 'idle') return null
  // A manual run the server refused (422 FLOW_INVALID): nothing ran, and the problems say why.
  const refused = problemsIn(outcome?.error)

  const showNode = (id: string) => {
    const s = useEditor.getState()
    useEditor.setState({
      nodes: s.nodes.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })),
    })
    void flow.fitView({ nodes: [{ id }], maxZoom: 1.2, duration: 300 })
  }
  const took = outcome && startedAt ? formatDuration(Math.max(0, outcome.finishedAt - startedAt)) : undefined

  return (
    <section
      className={`runbar runbar--${status}`}
      aria-label={t('runbar.title')}
      data-testid="run-bar"
      data-status={status}
    >
      <div className="runbar__head">
        <strong className="runbar__status" aria-live="polite">
          {refused.length > 0 ? t('runbar.refusedStatus') : t(`runbar.status.${status}`)}
        </strong>
        {recorded && (
          <span className="tag" data-testid="recorded-answers" title={t('lessons.recordedHint')}>
            {t('lessons.recorded')}
          </span>
        )}
        {replaying && (
          <span className="runbar__replaying" data-testid="replaying">
            {t('replay.playing')}
          </span>
        )}
        {took && <span>{t('runbar.took', { duration: took })}</span>}
        {runId && <code className="runbar__id">{runId.slice(0, 8)}</code>}
        {status === 'waiting' && (
          <a
            className="btn btn--small btn--primary"
            href={hrefFor({ page: 'approvals', ...(runId ? { runId } : {}) })}
            data-testid="go-approve"
          >
            {t('runbar.goApprove')}
          </a>
        )}
        <span className="toolbar__spacer" />
        {runId && (outcome || replaying) && <ReplayControls runId={runId} />}
        {runId && !outcome && !replaying && (
          <button
            type="button"
            className="btn btn--small btn--danger"
            onClick={() => void cancelRun(runId).catch(() => undefined)}
          >
            {t('runbar.cancel')}
          </button>
        )}
        {outcome && (
          <button
            type="button"
            className="btn btn--small"
            onClick={() => setOpen(!open)}
            aria-expanded={open}
          >
            {t(open ? 'runbar.hide' : 'runbar.show')}
          </button>
        )}
        <button
          type="button"
          className="btn btn--small btn--ghost"
          onClick={() => {
            stopReplay()
            clear()
          }}
        >
          {t('runbar.clear')}
        </button>
      </div>
      {open && usage && (
        <p className="runbar__usage" data-testid="run-usage">
          {t(usage.reasoning ? 'runbar.usageReasoning' : 'runbar.usage', { ...usage })}
          {' · '}
          {t('runbar.cost', { ...usage })}
          {usage.unpriced.length > 0 && (
            <>
              {' · '}
              <a href={hrefFor({ page: 'settings' })}>
                {t('runbar.unpriced', { models: usage.unpriced.join('、') })}
              </a>
            </>
          )}
        </p>
      )}
      {open && status === 'needs_attention' && runId && <AttentionPanel runId={runId} />}
      {status === 'paused' && runId && paused && (
        <PausedPanel key={`${runId}:${paused.key}`} runId={runId} point={paused} />
      )}
      {open && outcome?.status === 'succeeded' && (
        <div className="runbar__body">
          <h3>{t('runbar.output')}</h3>
          <ResultView value={outcome.output} testId="run-output" />
        </div>
      )}
      {refused.length > 0 && <ProblemList problems={refused} lead={t('runbar.refused')} />}
      {open && outcome?.error && refused.length === 0 && (
        <div className="runbar__body runbar__error" role="alert">
          <RunErrorText error={outcome.error} fieldLabel={fieldLabel} />
          {failedNode && (
            <button type="button" className="btn btn--small" onClick={() => showNode(failedNode)}>
              {t('runbar.showNode', { name: failedName })}
            </button>
          )}
        </div>
      )}
    </section>
  )
}

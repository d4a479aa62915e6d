import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type FlowSummary, listFlows } from '../api/flows-api.ts'
import { listRuns, type RunSummary } from '../api/runs-api.ts'
import { getRunRetention, type RunRetention } from '../api/settings-api.ts'
import { StatusBadge } from '../canvas/status-badge.tsx'
import { useLocale } from '../i18n/use-locale.ts'
import { hrefFor, navigate } from '../routing/use-route.ts'
import { ErrorText, runErrorSentence } from '../ui/error-text.tsx'
import { formatDuration, formatTime } from '../ui/format-time.ts'
import { inputSummary } from './input-summary.ts'
import { retentionText } from './retention-text.ts'

const statuses = [
  'succeeded',
  'failed',
  'running',
  'needs_attention',
  'paused',
  'waiting',
  'queued',
  'cancelled',
] as const

/** Run history, newest first, filtered by flow and status; a run opens on its flow's canvas with its data. */
export function RunsPage({ flowId, status }: { flowId?: string | undefined; status?: string | undefined }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [flows, setFlows] = useState<FlowSummary[]>([])
  const [runs, setRuns] = useState<RunSummary[]>()
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<unknown>()
  const [retention, setRetention] = useState<RunRetention>()
  const [notKept, setNotKept] = useState(0)

  useEffect(() => {
    // Only a note under the title: without it the list still works.
    getRunRetention()
      .then(setRetention)
      .catch(() => undefined)
  }, [])
  useEffect(() => {
    listFlows()
      .then((r) => setFlows(r.items))
      .catch(() => undefined)
  }, [])
  useEffect(() => {
    setRuns(undefined)
    listRuns({ flowId, status, limit: 50 })
      .then((page) => {
        setRuns(page.items)
        setCursor(page.nextCursor)
        setNotKept(page.notKept)
      })
      .catch(setError)
  }, [flowId, status])

  const more = () =>
    cursor &&
    listRuns({ flowId, status, limit: 50, cursor })
      .then((page) => {
        setRuns((r) => [...(r ?? []), ...page.items])
        setCursor(page.nextCursor)
      })
      .catch(setError)

  const flowName = (id: string | null) =>
    id ? (flows.find((f) => f.id === id)?.name ?? id.slice(0, 8)) : t('runs.deletedFlow')
  const nodeStatus = (s: RunSummary['status']) =>
    s === 'succeeded' || s === 'failed' || s === 'cancelled' || s === 'running'
      ? s
      : s === 'waiting'
        ? 'approval'
        : s === 'needs_attention'
          ? 'sending'
          : s === 'paused'
            ? 'paused'
            : 'waiting'

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('runs.title')}</h1>
        <span className="toolbar__spacer" />
        <label className="inline-field">
          {t('runs.flow')}
          <select
            className="input"
            value={flowId ?? ''}
            onChange={(e) => navigate({ page: 'runs', flowId: e.target.value || undefined, status })}
            data-testid="runs-flow-filter"
          >
            <option value="">{t('runs.allFlows')}</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('runs.status')}
          <select
            className="input"
            value={status ?? ''}
            onChange={(e) => navigate({ page: 'runs', flowId, status: e.target.value || undefined })}
          >
            <option value="">{t('runs.allStatuses')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`runbar.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {retention && (
        <p className="page__lead" data-testid="runs-retention">
          {retentionText(t, retention)}{' '}
          <a href={hrefFor({ page: 'settings' })}>{t('runs.retentionChange')}</a>
        </p>
      )}
      {notKept > 0 && (
        <p className="page__lead" data-testid="runs-not-kept">
          {t('runs.notKept', { count: notKept })}
        </p>
      )}
      <ErrorText error={error} />
      {runs === undefined && !error && <p>{t('common.loading')}</p>}
      {runs?.length === 0 && (
        <div className="empty">
          <p className="empty__title">{t('runs.emptyTitle')}</p>
          <p>{t('runs.emptyBody')}</p>
        </div>
      )}
      {runs && runs.length > 0 && (
        <table className="table" data-testid="run-list">
          <thead>
            <tr>
              <th>{t('runs.started')}</th>
              <th>{t('runs.flow')}</th>
              <th>{t('runs.input')}</th>
              <th>{t('runs.status')}</th>
              <th>{t('runs.trigger')}</th>
              <th>{t('runs.duration')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>{formatTime(r.startedAt, locale)}</td>
                <td>{flowName(r.flowId)}</td>
                <td className="runs__input" title={r.inputPreview ?? undefined} data-testid="run-input">
                  {r.inputPreview === null ? '–' : inputSummary(r.inputPreview)}
                </td>
                <td>
                  <StatusBadge status={nodeStatus(r.status)} />
                  {r.error && (
                    <span className="runs__error" title={`${r.error.code} ${r.error.message}`}>
                      {runErrorSentence(t, r.error)}
                    </span>
                  )}
                </td>
                <td>
                  {t(`runs.triggers.${r.trigger}`)}
                  {r.flowVersion !== null && ` · v${r.flowVersion}`}
                  {r.parentRunId && (
                    <>
                      {' · '}
                      <a href={hrefFor({ page: 'run', runId: r.parentRunId })} data-testid="run-parent">
                        {t('runs.parentRun')}
                      </a>
                    </>
                  )}
                </td>
                <td>{formatDuration(r.durationMs)}</td>
                <td>
                  {r.flowId && (
                    <a
                      className="btn btn--small"
                      href={hrefFor({ page: 'editor', flowId: r.flowId, runId: r.id })}
                      data-testid="open-run"
                    >
                      {t('runs.open')}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" className="btn" onClick={() => void more()}>
          {t('runs.more')}
        </button>
      )}
    </div>
  )
}

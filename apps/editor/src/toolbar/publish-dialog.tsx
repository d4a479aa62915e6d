import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type FlowVersionSummary, getFlow, listVersions, publishFlow, rollback } from '../api/flows-api.ts'
import { adoptSaved, flushSave } from '../editor/autosave.ts'
import { useEditor } from '../editor/editor-store.ts'
import { adoptPublished } from '../editor/published-state.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { CopyField } from '../ui/copy-field.tsx'
import { Dialog } from '../ui/dialog.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { formatTime } from '../ui/format-time.ts'
import { ProblemList, problemsIn } from '../ui/problem-list.tsx'
import { FlowHistoryField } from './flow-history-field.tsx'
import { FlowMcpField } from './flow-mcp-field.tsx'
import { useWebhookCall } from './webhook-call.ts'

/**
 * Publishing snapshots the draft as a new version that webhooks and schedules then run; the list shows every
 * version, and any one can be made the live one again (roll-back) or the flow taken offline.
 */
export function PublishDialog({ flowId, onClose }: { flowId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [versions, setVersions] = useState<FlowVersionSummary[]>()
  const [live, setLive] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [done, setDone] = useState<string>()

  const reload = useCallback(async () => {
    const [flow, list] = await Promise.all([getFlow(flowId), listVersions(flowId)])
    setLive(flow.publishedVersion)
    adoptPublished(flow)
    setVersions(list)
  }, [flowId])

  useEffect(() => {
    reload().catch(setError)
  }, [reload])

  const act = async (fn: () => Promise<unknown>, message: string) => {
    setBusy(true)
    setError(undefined)
    setDone(undefined)
    try {
      await fn()
      await reload()
      setDone(message)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  // Puts an old version back on the canvas (and makes it live), for "undo everything since v3".
  const restore = async (version: number) => {
    await flushSave()
    const flow = await rollback(flowId, version, true)
    useEditor.getState().load(flowId, flow.document)
    adoptSaved(flow.updatedAt)
  }

  const problems = problemsIn(error)
  const call = useWebhookCall(flowId)
  return (
    <Dialog title={t('publish.title')} onClose={onClose} testId="publish-dialog" wide>
      <p className="dialog__lead">{t('publish.lead')}</p>
      <p>{live === null ? t('publish.notLive') : t('publish.live', { version: live })}</p>
      <div className="dialog__actions dialog__actions--start">
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy}
          data-testid="publish-now"
          onClick={() =>
            void act(async () => {
              await flushSave()
              await publishFlow(flowId)
            }, t('publish.published'))
          }
        >
          {t('publish.publishDraft')}
        </button>
      </div>
      {done && (
        <p className="notice notice--ok" role="status">
          {done}
        </p>
      )}
      {done && call && (
        <div className="card" data-testid="publish-webhook">
          <p>{t('publish.callIt')}</p>
          <CopyField label={t('webhook.url')} value={call.url} testId="publish-webhook-url" />
          <CopyField label={t('webhook.curl')} value={call.curl} multiline testId="publish-webhook-curl" />
        </div>
      )}
      {problems.length > 0 ? (
        <ProblemList problems={problems} lead={t('publish.fixFirst')} />
      ) : (
        <ErrorText error={error} />
      )}
      <FlowHistoryField />
      <FlowMcpField />
      <h3>{t('publish.versions')}</h3>
      {versions === undefined && !error && <p>{t('common.loading')}</p>}
      {versions?.length === 0 && <p className="empty">{t('publish.noVersions')}</p>}
      {versions && versions.length > 0 && (
        <table className="table" data-testid="version-list">
          <thead>
            <tr>
              <th>{t('publish.version')}</th>
              <th>{t('publish.publishedAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td>
                  v{v.version}{' '}
                  {v.version === live && <span className="tag tag--ok">{t('publish.liveTag')}</span>}
                </td>
                <td>{formatTime(v.publishedAt, locale)}</td>
                <td>
                  <span className="table__actions">
                    {v.version !== live && (
                      <button
                        type="button"
                        className="btn btn--small"
                        disabled={busy}
                        onClick={() =>
                          void act(
                            () => rollback(flowId, v.version),
                            t('publish.rolledBack', { version: v.version }),
                          )
                        }
                      >
                        {t('publish.rollback')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="btn btn--small"
                      disabled={busy}
                      onClick={() =>
                        void act(() => restore(v.version), t('publish.restored', { version: v.version }))
                      }
                    >
                      {t('publish.restore')}
                    </button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  )
}

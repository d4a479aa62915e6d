import { RunHistory } from '@zhiliu/nodes'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getRunHistory } from '../api/settings-api.ts'
import { useEditor } from '../editor/editor-store.ts'

/** The flow's own run history setting, in the publish dialog: it applies to the runs of published versions. */
export function FlowHistoryField() {
  const { t } = useTranslation()
  const chosen = useEditor((s) => s.meta.settings.runHistory)
  const setFlowSettings = useEditor((s) => s.setFlowSettings)
  const [serverDefault, setServerDefault] = useState<RunHistory>()

  useEffect(() => {
    getRunHistory()
      .then((r) => setServerDefault(r.history))
      .catch(() => undefined)
  }, [])

  const current = serverDefault ? t(`runHistory.options.${serverDefault}`) : '…'
  return (
    <div data-testid="flow-run-history">
      <h3>{t('runHistory.flowLabel')}</h3>
      <p className="panel__note">{t('runHistory.lead')}</p>
      <select
        className="input"
        value={chosen ?? ''}
        onChange={(e) =>
          setFlowSettings({ runHistory: (e.target.value || undefined) as RunHistory | undefined })
        }
        aria-label={t('runHistory.flowLabel')}
        data-testid="flow-run-history-select"
      >
        <option value="">{t('runHistory.options.default', { current })}</option>
        {RunHistory.options.map((h) => (
          <option key={h} value={h}>
            {t(`runHistory.options.${h}`)}
          </option>
        ))}
      </select>
      <p className="panel__note">{t('runHistory.flowHelp')}</p>
    </div>
  )
}

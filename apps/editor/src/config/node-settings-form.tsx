import type { NodeSettings } from '@zhiliu/nodes'
import { useTranslation } from 'react-i18next'
import { useEditor } from '../editor/editor-store.ts'

const modes = ['fail', 'continue', 'errorPort'] as const

/** What happens when this node fails: stop the run, carry on with the error, or send it down an error branch. */
export function NodeSettingsForm({ nodeId, settings }: { nodeId: string; settings: NodeSettings }) {
  const { t } = useTranslation()
  const updateNode = useEditor((s) => s.updateNode)
  const id = `settings-${nodeId}-onError`
  return (
    <details className="settings-form">
      <summary>{t('config.advanced')}</summary>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t('config.onError')}
        </label>
        <select
          id={id}
          className="input"
          value={settings.onError}
          onChange={(e) =>
            updateNode(nodeId, {
              settings: { ...settings, onError: modes.find((m) => m === e.target.value) ?? 'fail' },
            })
          }
        >
          {modes.map((m) => (
            <option key={m} value={m}>
              {t(`config.onErrorMode.${m}`)}
            </option>
          ))}
        </select>
        <p className="field__help">{t(`config.onErrorHelp.${settings.onError}`)}</p>
      </div>
    </details>
  )
}

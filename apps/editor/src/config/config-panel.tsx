import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEntry } from '../catalogue/catalogue-store.ts'
import { selectSingleSelectedId, useEditor } from '../editor/editor-store.ts'
import { problemsOf, validationOf } from '../editor/validation-view.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { NodeRunData } from '../run/node-run-data.tsx'
import { useRun } from '../run/run-store.ts'
import { NodeConfigForm } from './node-config-form.tsx'
import { NodeSettingsForm } from './node-settings-form.tsx'

/** The right-hand panel: the selected node's settings, or its data from the run on screen. */
export function ConfigPanel({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation()
  const id = useEditor(selectSingleSelectedId)
  if (!id) {
    return (
      <aside className="panel panel--empty" aria-label={t('config.title')}>
        <p>{t('config.selectNode')}</p>
      </aside>
    )
  }
  return <NodePanel key={id} id={id} readOnly={readOnly} />
}

function NodePanel({ id, readOnly }: { id: string; readOnly: boolean }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const data = useEditor((s) => s.nodes.find((n) => n.id === id)?.data)
  const problems = useEditor((s) => problemsOf(validationOf(s), id))
  const hasRunData = useRun((s) => s.results[id] !== undefined || s.nodeStatus[id] !== undefined)
  const [tab, setTab] = useState<'config' | 'run'>(hasRunData ? 'run' : 'config')
  const entry = useEntry(data?.type ?? '', data?.version ?? 0)
  const updateNode = useEditor((s) => s.updateNode)
  const removeNode = useEditor((s) => s.removeNode)
  if (!data) return null
  const general = problems.filter((p) => p.path[2] !== 'config')

  return (
    <aside className="panel" aria-label={t('config.title')} data-testid="config-panel">
      <header className="panel__head">
        <h2>{data.name || entry?.title[locale] || data.type}</h2>
        <p className="panel__desc">{entry?.description[locale]}</p>
        <p className="panel__id">
          {t('config.nodeId')} <code>{id}</code>
        </p>
      </header>
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'config'}
          className="tab"
          onClick={() => setTab('config')}
        >
          {t('config.tabConfig')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'run'}
          className="tab"
          onClick={() => setTab('run')}
          data-testid="tab-run"
        >
          {t('config.tabRun')}
        </button>
      </div>
      {tab === 'run' ? (
        <NodeRunData nodeId={id} readOnly={readOnly} />
      ) : (
        <fieldset className="panel__body" disabled={readOnly}>
          {general.map((p) => (
            <p
              key={`${p.code}:${p.message}`}
              className={`field__problem field__problem--${p.severity}`}
              role="alert"
              data-testid="node-general-problem"
            >
              {p.localized[locale]}
            </p>
          ))}
          <div className="field">
            <label className="field__label" htmlFor={`name-${id}`}>
              {t('config.name')}
            </label>
            <input
              id={`name-${id}`}
              className="input"
              value={data.name}
              placeholder={entry?.title[locale]}
              onChange={(e) => updateNode(id, { name: e.target.value })}
            />
          </div>
          {entry ? (
            <NodeConfigForm nodeId={id} entry={entry} config={data.config} problems={problems} />
          ) : (
            <p className="field__problem field__problem--error">
              {t('node.unknownType', { type: data.type })}
            </p>
          )}
          <NodeSettingsForm nodeId={id} settings={data.settings} />
          <button type="button" className="btn btn--danger" onClick={() => removeNode(id)}>
            {t('config.delete')}
          </button>
        </fieldset>
      )}
    </aside>
  )
}

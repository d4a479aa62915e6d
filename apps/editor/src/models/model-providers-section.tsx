import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type CredentialSummary, deleteCredential, listCredentials } from '../api/credentials-api.ts'
import {
  type ConnectionResult,
  loadModelProviders,
  MODEL_PROVIDER_TYPE,
  type ModelProviders,
  testStoredProvider,
} from '../api/model-providers-api.ts'
import { useLocalize } from '../i18n/use-locale.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { ConnectionResultText } from './connection-result.tsx'
import { sortPresets } from './preset-order.ts'
import { ProviderDialog } from './provider-dialog.tsx'

/** Which provider AI nodes use by default, and the providers people added, each with "test connection". */
export function ModelProvidersSection() {
  const { t } = useTranslation()
  const localize = useLocalize()
  const [providers, setProviders] = useState<ModelProviders>()
  const [items, setItems] = useState<CredentialSummary[]>()
  const [error, setError] = useState<unknown>()
  const [editing, setEditing] = useState<CredentialSummary | 'new'>()
  const [results, setResults] = useState<Record<string, ConnectionResult | 'testing'>>({})

  const reload = useCallback(() => {
    listCredentials()
      .then((all) => setItems(all.filter((c) => c.type === MODEL_PROVIDER_TYPE)))
      .catch(setError)
  }, [])
  useEffect(() => {
    loadModelProviders().then(setProviders).catch(setError)
    reload()
  }, [reload])

  const test = async (c: CredentialSummary) => {
    setResults((r) => ({ ...r, [c.id]: 'testing' }))
    try {
      const result = await testStoredProvider(c.id)
      setResults((r) => ({ ...r, [c.id]: result }))
    } catch (err) {
      setResults(({ [c.id]: _, ...rest }) => rest)
      setError(err)
    }
  }

  const remove = async (c: CredentialSummary) => {
    if (!window.confirm(t('providers.confirmDelete', { name: c.name }))) return
    try {
      await deleteCredential(c.id)
      reload()
    } catch (err) {
      setError(err)
    }
  }

  const presets = providers ? sortPresets(providers.items) : []
  const fallback = providers && presets.find((p) => p.id === providers.default.preset)

  return (
    <section className="card" aria-labelledby="providers-title" data-testid="model-providers">
      <div className="page__head">
        <h2 id="providers-title">{t('providers.title')}</h2>
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="btn btn--primary"
          disabled={!providers}
          onClick={() => setEditing('new')}
          data-testid="provider-new"
        >
          + {t('providers.new')}
        </button>
      </div>
      <p>{t('providers.lead')}</p>
      {providers && (
        <p className="notice notice--info" data-testid="provider-default">
          {providers.default.demo
            ? t('providers.defaultDemo', { name: localize(fallback?.label) })
            : t('providers.defaultServer', {
                name: localize(fallback?.label) || providers.default.preset,
                model: providers.default.model,
              })}
        </p>
      )}
      <ErrorText error={error} />
      {items?.length === 0 && <p className="panel__note">{t('providers.empty')}</p>}
      {items && items.length > 0 && (
        <ul className="provider-list" data-testid="provider-list">
          {items.map((c) => {
            const result = results[c.id]
            return (
              <li key={c.id} className="provider-list__item">
                <div className="provider-list__row">
                  <div className="provider-list__who">
                    <strong>{c.name}</strong>
                    <code className="provider-list__hint">{c.hint}</code>
                  </div>
                  <button
                    type="button"
                    className="btn btn--small"
                    disabled={result === 'testing'}
                    onClick={() => void test(c)}
                  >
                    {result === 'testing' ? t('providers.testing') : t('providers.test.button')}
                  </button>
                  <button type="button" className="btn btn--small" onClick={() => setEditing(c)}>
                    {t('credentials.edit')}
                  </button>
                  <button type="button" className="btn btn--small btn--danger" onClick={() => void remove(c)}>
                    {t('credentials.delete')}
                  </button>
                </div>
                {result && result !== 'testing' && <ConnectionResultText result={result} />}
              </li>
            )
          })}
        </ul>
      )}
      {editing && providers && (
        <ProviderDialog
          presets={presets}
          credential={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined)
            reload()
          }}
        />
      )}
    </section>
  )
}

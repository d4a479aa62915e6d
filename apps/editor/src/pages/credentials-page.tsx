import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type CredentialSummary,
  type CredentialType,
  deleteCredential,
  listCredentials,
  listCredentialTypes,
} from '../api/credentials-api.ts'
import { CredentialDialog } from '../credentials/credential-dialog.tsx'
import { useLocale, useLocalize } from '../i18n/use-locale.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { formatTime } from '../ui/format-time.ts'

/** Stored secrets (API keys, tokens) by name; the list shows only a masked hint, never the secret. */
export function CredentialsPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const [items, setItems] = useState<CredentialSummary[]>()
  const [error, setError] = useState<unknown>()
  const [editing, setEditing] = useState<CredentialSummary | 'new'>()
  const localize = useLocalize()
  // Type names (wecom.bot) are for the API; people read the type's label (企业微信机器人).
  const [types, setTypes] = useState<CredentialType[]>([])
  useEffect(() => {
    listCredentialTypes()
      .then(setTypes)
      .catch(() => setTypes([]))
  }, [])
  const typeLabel = (type: string) => {
    const spec = types.find((x) => x.type === type)
    return spec ? localize(spec.label) : type
  }

  const reload = useCallback(() => {
    listCredentials().then(setItems).catch(setError)
  }, [])
  useEffect(reload, [reload])

  const remove = async (c: CredentialSummary) => {
    if (!window.confirm(t('credentials.confirmDelete', { name: c.name }))) return
    try {
      await deleteCredential(c.id)
      reload()
    } catch (err) {
      setError(err)
    }
  }

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('credentials.title')}</h1>
        <span className="toolbar__spacer" />
        <button type="button" className="btn btn--primary" onClick={() => setEditing('new')}>
          + {t('credentials.new')}
        </button>
      </div>
      <p className="page__lead">{t('credentials.lead')}</p>
      <ErrorText error={error} />
      {items?.length === 0 && (
        <div className="empty">
          <p className="empty__title">{t('credentials.emptyTitle')}</p>
          <p>{t('credentials.emptyBody')}</p>
        </div>
      )}
      {items && items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('credentials.name')}</th>
              <th>{t('credentials.type')}</th>
              <th>{t('credentials.secret')}</th>
              <th>{t('credentials.updated')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td title={c.type}>{typeLabel(c.type)}</td>
                <td>
                  <code>{c.hint}</code>
                </td>
                <td>{formatTime(c.updatedAt, locale)}</td>
                <td className="table__actions">
                  <button type="button" className="btn btn--small" onClick={() => setEditing(c)}>
                    {t('credentials.edit')}
                  </button>
                  <button type="button" className="btn btn--small btn--danger" onClick={() => void remove(c)}>
                    {t('credentials.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <CredentialDialog
          credential={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined)
            reload()
          }}
        />
      )}
    </div>
  )
}

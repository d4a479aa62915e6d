import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ApiTokenView, createToken, listTokens, revokeToken } from '../api/tokens-api.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { CopyField } from '../ui/copy-field.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { formatTime } from '../ui/format-time.ts'

/** API 令牌: create one with a name (its value shown this once), see when each was last used, revoke. */
export function ApiTokensSection() {
  const { t } = useTranslation()
  const locale = useLocale()
  const [tokens, setTokens] = useState<ApiTokenView[]>()
  const [name, setName] = useState('')
  const [nameMissing, setNameMissing] = useState(false)
  const [fresh, setFresh] = useState<{ name: string; token: string }>()
  const [error, setError] = useState<unknown>()

  const reload = useCallback(() => {
    listTokens()
      .then((r) => setTokens(r.items))
      .catch(setError)
  }, [])
  useEffect(reload, [reload])

  const create = async (e: FormEvent) => {
    e.preventDefault()
    setError(undefined)
    setNameMissing(!name.trim())
    if (!name.trim()) return
    try {
      const created = await createToken(name.trim())
      setFresh({ name: created.name, token: created.token })
      setName('')
      reload()
    } catch (err) {
      setError(err)
    }
  }
  const revoke = async (token: ApiTokenView) => {
    if (!window.confirm(t('tokens.confirmRevoke', { name: token.name }))) return
    try {
      await revokeToken(token.id)
      reload()
    } catch (err) {
      setError(err)
    }
  }

  return (
    <section className="card" id="api-tokens" aria-labelledby="tokens-title" data-testid="api-tokens">
      <h2 id="tokens-title">{t('tokens.title')}</h2>
      <p>{t('tokens.lead')}</p>
      <form className="inline-form" onSubmit={(e) => void create(e)}>
        <label className="inline-field">
          {t('tokens.name')}
          <input
            className="input input--compact"
            value={name}
            maxLength={100}
            placeholder={t('tokens.namePlaceholder')}
            aria-invalid={nameMissing}
            onChange={(e) => setName(e.target.value)}
            data-testid="token-name"
          />
        </label>
        <button type="submit" className="btn btn--primary" data-testid="token-create">
          {t('tokens.create')}
        </button>
      </form>
      {nameMissing && (
        <p className="error-text" role="alert">
          {t('tokens.nameMissing')}
        </p>
      )}
      {fresh && (
        <div className="token-fresh" data-testid="token-fresh">
          <CopyField
            label={t('tokens.newToken', { name: fresh.name })}
            value={fresh.token}
            testId="token-value"
          />
          <p className="notice notice--error">{t('tokens.once')}</p>
          <button type="button" className="btn" onClick={() => setFresh(undefined)} data-testid="token-saved">
            {t('tokens.saved')}
          </button>
        </div>
      )}
      <ErrorText error={error} />
      {tokens?.length === 0 && <p className="panel__note">{t('tokens.empty')}</p>}
      {tokens && tokens.length > 0 && (
        <table className="table" data-testid="token-list">
          <thead>
            <tr>
              <th>{t('tokens.name')}</th>
              <th>{t('tokens.created')}</th>
              <th>{t('tokens.lastUsed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((tk) => (
              <tr key={tk.id} data-testid={`token-${tk.name}`}>
                <td>{tk.name}</td>
                <td>{formatTime(tk.createdAt, locale)}</td>
                <td>{tk.lastUsedAt === null ? t('tokens.never') : formatTime(tk.lastUsedAt, locale)}</td>
                <td className="table__actions">
                  <button
                    type="button"
                    className="btn btn--small btn--danger"
                    onClick={() => void revoke(tk)}
                    data-testid={`token-revoke-${tk.name}`}
                  >
                    {t('tokens.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type CredentialSummary, listCredentials } from '../../api/credentials-api.ts'
import { loadModelProviders, MODEL_PROVIDER_TYPE } from '../../api/model-providers-api.ts'
import { useLocalize } from '../../i18n/use-locale.ts'
import { hrefFor } from '../../routing/use-route.ts'
import type { FieldProps } from '../field-props.ts'

/**
 * An AI node's model provider: one of the providers added under Settings, or empty for the server's default,
 * named here (often the offline demo model) so nobody wonders where answers come from.
 */
export function ProviderWidget({ id, field, value, onChange }: FieldProps) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const [items, setItems] = useState<CredentialSummary[]>()
  const [fallback, setFallback] = useState<string>()
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    listCredentials()
      .then((all) => setItems(all.filter((c) => c.type === MODEL_PROVIDER_TYPE)))
      .catch(() => setFailed(true))
    loadModelProviders()
      .then(({ items: presets, default: d }) => {
        const preset = presets.find((p) => p.id === d.preset)
        setFallback(preset ? localize(preset.label) : d.preset)
      })
      .catch(() => setFailed(true))
  }, [localize])
  const current = typeof value === 'string' ? value : ''
  return (
    <div className="credential-field">
      <select
        id={id}
        className="input"
        value={current}
        onChange={(e) => onChange(e.target.value)}
        data-testid={`input-${field.key}`}
      >
        <option value="">
          {items === undefined && !failed
            ? t('common.loading')
            : t('providers.pick.default', { name: fallback ?? '' })}
        </option>
        {current && items && !items.some((c) => c.id === current) && (
          <option value={current}>{t('form.missingCredential')}</option>
        )}
        {items?.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <p className="field__help">
        {items?.length === 0 && `${t('providers.pick.none')} `}
        <a href={hrefFor({ page: 'settings' })}>
          {items?.length === 0 ? t('nav.settings') : t('providers.pick.manage')}
        </a>
      </p>
      {failed && <p className="field__problem field__problem--error">{t('errors.loadFailed')}</p>}
    </div>
  )
}

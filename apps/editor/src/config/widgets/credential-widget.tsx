import { DEMO_RECEIVER } from '@zhiliu/nodes'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type CredentialSummary, listCredentials, listCredentialTypes } from '../../api/credentials-api.ts'
import { hrefFor } from '../../routing/use-route.ts'
import type { FieldProps } from '../field-props.ts'

/** Picks a stored credential by name; the secret itself never reaches the editor. */
export function CredentialWidget({ id, field, value, onChange }: FieldProps) {
  const { t } = useTranslation()
  const [items, setItems] = useState<CredentialSummary[] | undefined>()
  const [failed, setFailed] = useState(false)
  const type = field.ui?.credentialType
  useEffect(() => {
    Promise.all([listCredentials(), listCredentialTypes()])
      .then(([all, types]) => {
        // A definition may name a family the server stores under other type names; then every credential is offered.
        const known = type !== undefined && types.some((x) => x.type === type)
        setItems(known ? all.filter((c) => c.type === type) : all)
      })
      .catch(() => setFailed(true))
  }, [type])
  const current = typeof value === 'string' ? value : ''
  return (
    <div className="credential-field">
      <select
        id={id}
        className="input"
        value={current}
        onChange={(e) => onChange(e.target.value || undefined)}
        data-testid={`input-${field.key}`}
      >
        <option value="">
          {items === undefined && !failed
            ? t('common.loading')
            : t(field.required ? 'form.chooseCredential' : 'form.defaultCredential')}
        </option>
        {field.ui?.demoReceiver && <option value={DEMO_RECEIVER}>{t('form.demoReceiver')}</option>}
        {current && current !== DEMO_RECEIVER && items && !items.some((c) => c.id === current) && (
          <option value={current}>{t('form.missingCredential')}</option>
        )}
        {items?.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.hint})
          </option>
        ))}
      </select>
      {items?.length === 0 && (
        <p className="field__help">
          {t('form.noCredentials')} <a href={hrefFor({ page: 'credentials' })}>{t('nav.credentials')}</a>
        </p>
      )}
      {failed && <p className="field__problem field__problem--error">{t('errors.loadFailed')}</p>}
    </div>
  )
}

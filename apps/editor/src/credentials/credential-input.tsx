import { useTranslation } from 'react-i18next'
import type { SchemaField } from '../catalogue/schema-fields.ts'
import { useLocalize } from '../i18n/use-locale.ts'

interface Props {
  id: string
  field: SchemaField
  value: string
  onChange(value: string): void
}

/**
 * One credential field: a list of choices when the type names them (a model provider's service), a password box for
 * a secret, a text box otherwise.
 */
export function CredentialInput({ id, field, value, onChange }: Props) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const choices = Array.isArray(field.schema.enum)
    ? field.schema.enum.filter((v): v is string => typeof v === 'string')
    : undefined
  if (choices) {
    return (
      <select
        id={id}
        className="input"
        required={field.required}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{t('form.choose')}</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {localize(field.ui?.options?.[choice]) || choice}
          </option>
        ))}
      </select>
    )
  }
  return (
    <input
      id={id}
      className="input"
      type={field.schema.writeOnly === true ? 'password' : 'text'}
      autoComplete="off"
      required={field.required}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  )
}

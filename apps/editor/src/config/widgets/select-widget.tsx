import { useTranslation } from 'react-i18next'
import { useLocalize } from '../../i18n/use-locale.ts'
import type { FieldProps } from '../field-props.ts'

/** A choice among the schema's enum values, labelled by the definition's option texts. */
export function SelectWidget({ id, field, value, onChange }: FieldProps) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const values = Array.isArray(field.schema.enum) ? field.schema.enum.map(String) : []
  const current = typeof value === 'string' ? value : String(field.schema.default ?? '')
  return (
    <select
      id={id}
      className="input"
      value={current}
      data-testid={`input-${field.key}`}
      onChange={(e) => onChange(e.target.value)}
    >
      {!values.includes(current) && <option value={current}>{current || t('form.choose')}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {field.ui?.options?.[v] ? localize(field.ui.options[v]) : v}
        </option>
      ))}
    </select>
  )
}

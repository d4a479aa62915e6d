import { useTranslation } from 'react-i18next'
import type { FieldProps } from '../field-props.ts'

/** On/off, drawn as a switch but a real checkbox underneath, so Space toggles it and screen readers know it. */
export function SwitchWidget({ id, field, value, onChange }: FieldProps) {
  const { t } = useTranslation()
  const on = value === undefined ? field.schema.default === true : value === true
  return (
    <span className="switch">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={on}
        aria-checked={on}
        data-testid={`input-${field.key}`}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span className="switch__text">{t(on ? 'form.on' : 'form.off')}</span>
    </span>
  )
}

import { useTranslation } from 'react-i18next'
import { flowTemplates } from '../../flows/flow-templates.ts'
import { useLocalize } from '../../i18n/use-locale.ts'
import { demoScriptNames } from '../demo-scripts.ts'
import type { FieldProps } from '../field-props.ts'

const names = demoScriptNames(flowTemplates)

/**
 * Which scripted answer the offline demo model gives, chosen by name (通稿改写), not by its key: the key is only
 * the hover text, and shown as it is when no template names it.
 */
export function DemoScriptWidget({ id, field, value, onChange }: FieldProps) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const current = typeof value === 'string' ? value : ''
  return (
    <select
      id={id}
      className="input"
      value={current}
      title={current || undefined}
      data-testid={`input-${field.key}`}
      onChange={(e) => onChange(e.target.value || undefined)}
    >
      <option value="">{t('form.demoScriptAuto')}</option>
      {current && !names.has(current) && <option value={current}>{current}</option>}
      {[...names].map(([key, name]) => (
        <option key={key} value={key} title={key}>
          {localize(name)}
        </option>
      ))}
    </select>
  )
}

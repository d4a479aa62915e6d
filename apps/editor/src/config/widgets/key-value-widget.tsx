import { useTranslation } from 'react-i18next'
import type { SchemaField } from '../../catalogue/schema-fields.ts'
import { type FieldProps, problemsUnder } from '../field-props.ts'
import { TemplateWidget } from './template-widget.tsx'

interface Row {
  key: string
  value: unknown
}

const rowsOf = (value: unknown): Row[] =>
  Array.isArray(value)
    ? value.map((r) =>
        typeof r === 'object' && r !== null
          ? { key: String((r as Row).key ?? ''), value: (r as Row).value }
          : { key: '', value: '' },
      )
    : []

/** Name/value rows (headers, query parameters); values may use `{{ }}`. */
export function KeyValueWidget({ id, nodeId, field, value, onChange, problems }: FieldProps) {
  const { t } = useTranslation()
  const rows = rowsOf(value)
  const set = (index: number, patch: Partial<Row>) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)))
  const valueField: SchemaField = {
    key: `${field.key}-value`,
    schema: {},
    required: false,
    ui: { widget: 'text', label: { 'zh-CN': '', en: '' }, template: field.ui?.template ?? true },
  }
  return (
    <div className="kv" id={id}>
      {rows.length === 0 && <p className="kv__empty">{t('form.noRows')}</p>}
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; position is the key
        <div className="kv__row" key={index}>
          <input
            className="input"
            value={row.key}
            placeholder={t('form.key')}
            aria-label={t('form.key')}
            onChange={(e) => set(index, { key: e.target.value })}
          />
          <TemplateWidget
            id={`${id}-${index}-value`}
            nodeId={nodeId}
            field={valueField}
            value={row.value}
            onChange={(v) => set(index, { value: v })}
            problems={problemsUnder(problems, index)}
            multiline={false}
          />
          <button
            type="button"
            className="btn btn--icon"
            aria-label={t('form.removeRow')}
            title={t('form.removeRow')}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn--small"
        onClick={() => onChange([...rows, { key: '', value: '' }])}
      >
        {t('form.addRow')}
      </button>
    </div>
  )
}

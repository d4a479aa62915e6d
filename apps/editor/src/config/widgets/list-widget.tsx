import { useTranslation } from 'react-i18next'
import { fieldsOf, itemSchemaOf, newItemFor } from '../../catalogue/schema-fields.ts'
import { useLocalize } from '../../i18n/use-locale.ts'
import { FieldControl } from '../field-control.tsx'
import { type FieldProps, problemsUnder } from '../field-props.ts'
import { FieldRow } from '../field-row.tsx'

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * A list of objects edited as cards (data.set fields, switch cases, a trigger's input fields) or, for `conditions`,
 * as compact rows. Each card's fields come from the item schema, so any definition's list gets a form.
 */
export function ListWidget({ id, nodeId, field, value, onChange, problems }: FieldProps) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const items = Array.isArray(value) ? value : []
  const itemSchema = itemSchemaOf(field.schema)
  const itemFields = fieldsOf(itemSchema)
  const inline = field.ui?.widget === 'conditions'
  const max = typeof field.schema.maxItems === 'number' ? field.schema.maxItems : Number.POSITIVE_INFINITY

  const setItem = (index: number, next: unknown) => onChange(items.map((v, i) => (i === index ? next : v)))
  const move = (index: number, by: number) => {
    const next = [...items]
    const [item] = next.splice(index, 1)
    next.splice(index + by, 0, item)
    onChange(next)
  }

  return (
    <div className={`list${inline ? ' list--inline' : ''}`} id={id} data-testid={`list-${field.key}`}>
      {items.length === 0 && <p className="list__empty">{t('form.noItems')}</p>}
      {items.map((item, index) => {
        const itemProblems = problemsUnder(problems, index)
        const record = isRecord(item) ? item : {}
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity of their own
          <div className="list__item" key={index} data-testid={`list-${field.key}-${index}`}>
            <div className="list__fields">
              {itemFields.map((f) => {
                const fieldId = `${id}-${index}-${f.key}`
                const fieldProblems = problemsUnder(itemProblems, f.key)
                return (
                  <FieldRow
                    key={f.key}
                    id={fieldId}
                    label={localize(f.ui?.label) || f.key}
                    help={inline ? undefined : localize(f.ui?.help) || undefined}
                    required={f.required}
                    problems={fieldProblems}
                    testKey={`${field.key}-${index}-${f.key}`}
                  >
                    <FieldControl
                      id={fieldId}
                      nodeId={nodeId}
                      field={f}
                      value={record[f.key]}
                      problems={fieldProblems}
                      onChange={(v) => setItem(index, { ...record, [f.key]: v })}
                    />
                  </FieldRow>
                )
              })}
            </div>
            <div className="list__actions">
              <button
                type="button"
                className="btn btn--icon"
                disabled={index === 0}
                onClick={() => move(index, -1)}
                aria-label={t('form.moveUp')}
                title={t('form.moveUp')}
              >
                ↑
              </button>
              <button
                type="button"
                className="btn btn--icon"
                disabled={index === items.length - 1}
                onClick={() => move(index, 1)}
                aria-label={t('form.moveDown')}
                title={t('form.moveDown')}
              >
                ↓
              </button>
              <button
                type="button"
                className="btn btn--icon"
                onClick={() => onChange(items.filter((_, i) => i !== index))}
                aria-label={t('form.removeItem')}
                title={t('form.removeItem')}
              >
                ✕
              </button>
            </div>
            {itemProblems
              .filter((p) => p.path.length === 0)
              .map((p) => (
                <p key={p.problem.code} className="field__problem field__problem--error" role="alert">
                  {localize(p.problem.localized)}
                </p>
              ))}
          </div>
        )
      })}
      <button
        type="button"
        className="btn btn--small"
        disabled={items.length >= max}
        data-testid={`add-${field.key}`}
        onClick={() => onChange([...items, nextItem(newItemFor(itemSchema), field.key, items)])}
      >
        {t('form.addItem', { label: localize(field.ui?.label) })}
      </button>
    </div>
  )
}

/**
 * Items that name an output port or a field need a unique identifier; suggest the next free `case_2`-style one so a
 * new row is valid at once.
 */
function nextItem(item: unknown, key: string, items: readonly unknown[]): unknown {
  if (!isRecord(item)) return item
  const idKey = 'id' in item || key === 'cases' ? 'id' : undefined
  if (!idKey) return item
  const taken = new Set(items.map((i) => (isRecord(i) ? i[idKey] : undefined)))
  let n = items.length + 1
  while (taken.has(`case_${n}`)) n++
  return { ...item, [idKey]: `case_${n}` }
}

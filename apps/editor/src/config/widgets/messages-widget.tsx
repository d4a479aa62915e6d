import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldProps } from '../field-props.ts'
import { JsonWidget } from './json-widget.tsx'
import { type MessageRow, messageRowsOf } from './message-rows.ts'

const roles = ['user', 'assistant'] as const

/**
 * A conversation (对话历史) as rows of who said what, so nobody has to write JSON; JSON stays one click away, and
 * is what shows a value rows cannot (a `{{ }}` reference to a conversation kept elsewhere).
 */
export function MessagesWidget(props: FieldProps) {
  const { t } = useTranslation()
  const { id, field, value, onChange } = props
  const rows = messageRowsOf(value)
  const [asJson, setAsJson] = useState(rows === undefined)
  const key = field.key

  if (asJson || rows === undefined) {
    return (
      <div className="messages">
        <JsonWidget {...props} />
        <button
          type="button"
          className="btn btn--small btn--ghost"
          disabled={rows === undefined}
          title={rows === undefined ? t('messages.notRows') : undefined}
          onClick={() => setAsJson(false)}
          data-testid={`messages-form-${key}`}
        >
          {t('messages.asForm')}
        </button>
      </div>
    )
  }
  const set = (index: number, patch: Partial<MessageRow>) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)))
  const next: MessageRow['role'] = rows.at(-1)?.role === 'user' ? 'assistant' : 'user'
  return (
    <div className="messages" id={id} data-testid={`messages-${key}`}>
      {rows.length === 0 && <p className="kv__empty">{t('messages.none')}</p>}
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: turns have no identity of their own; position is the key
        <div className="messages__row" key={index}>
          <select
            className="input"
            value={row.role}
            aria-label={t('messages.role')}
            onChange={(e) => set(index, { role: e.target.value === 'assistant' ? 'assistant' : 'user' })}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`messages.roles.${r}`)}
              </option>
            ))}
          </select>
          <textarea
            className="input input--area"
            rows={2}
            value={row.content}
            aria-label={t('messages.content')}
            placeholder={t('messages.content')}
            onChange={(e) => set(index, { content: e.target.value })}
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
      <div className="messages__actions">
        <button
          type="button"
          className="btn btn--small"
          onClick={() => onChange([...rows, { role: next, content: '' }])}
          data-testid={`messages-add-${key}`}
        >
          {t('messages.add')}
        </button>
        <button
          type="button"
          className="btn btn--small btn--ghost"
          onClick={() => setAsJson(true)}
          data-testid={`messages-json-${key}`}
        >
          {t('messages.asJson')}
        </button>
      </div>
    </div>
  )
}

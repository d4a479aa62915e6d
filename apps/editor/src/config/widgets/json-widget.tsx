import { isTemplated } from '@zhiliu/nodes'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocalize } from '../../i18n/use-locale.ts'
import { asText, type FieldProps } from '../field-props.ts'
import { TemplatePreview } from '../template-preview.tsx'
import { useTemplateInput } from '../use-template-input.ts'
import { VariablePicker } from '../variable-picker.tsx'

/**
 * A value that may be JSON or text. Text that looks like a JSON object or list and parses is stored as that value
 * (its strings may still hold `{{ }}`); anything else is stored as text, so `{{ nodes.x.text }}` works as is.
 */
const looksLikeJson = (trimmed: string) =>
  (trimmed.startsWith('{') && !trimmed.startsWith('{{')) || trimmed.startsWith('[')

function toValue(text: string): unknown {
  const trimmed = text.trim()
  if (looksLikeJson(trimmed)) {
    try {
      return JSON.parse(trimmed)
    } catch {
      return text
    }
  }
  return text
}

function looksLikeBrokenJson(text: string): boolean {
  return looksLikeJson(text.trim()) && typeof toValue(text) === 'string'
}

export function JsonWidget({ id, nodeId, field, value, onChange }: FieldProps) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const [text, setText] = useState(() => asText(value))
  // Follow outside changes (undo, another panel) without reformatting what is being typed.
  useEffect(() => {
    setText((current) =>
      JSON.stringify(toValue(current)) === JSON.stringify(value) ? current : asText(value),
    )
  }, [value])
  const update = (next: string) => {
    setText(next)
    onChange(toValue(next))
  }
  const input = useTemplateInput(nodeId, text, update)
  const templated = isTemplated(field.ui)
  return (
    <div className="template-field">
      <div className="template-field__box">
        <textarea
          id={id}
          ref={(el) => {
            input.ref.current = el
          }}
          className="input input--area input--mono"
          rows={Math.min(14, Math.max(3, text.split('\n').length + 1))}
          value={text}
          spellCheck={false}
          placeholder={localize(field.ui?.placeholder)}
          data-testid={`input-${field.key}`}
          {...(templated ? input.fieldProps : {})}
          onChange={(e) => input.onInput(e.target.value, e.target.selectionStart)}
        />
        {templated && (
          <button
            type="button"
            className="btn btn--small template-field__insert"
            onMouseDown={(e) => e.preventDefault()}
            onClick={input.openPicker}
          >
            {t('picker.insert')}
          </button>
        )}
      </div>
      {looksLikeBrokenJson(text) && (
        <p className="field__problem field__problem--warning">{t('form.jsonBroken')}</p>
      )}
      {templated && input.open && <VariablePicker list={input.list} onPick={input.pick} />}
      {templated && (
        <TemplatePreview source={typeof value === 'string' ? value : JSON.stringify(value ?? '')} />
      )}
    </div>
  )
}

import { isTemplated } from '@zhiliu/nodes'
import { useTranslation } from 'react-i18next'
import { useLocalize } from '../../i18n/use-locale.ts'
import { asText, type FieldProps } from '../field-props.ts'
import { TemplatePreview } from '../template-preview.tsx'
import { useTemplateInput } from '../use-template-input.ts'
import { VariablePicker } from '../variable-picker.tsx'

/**
 * Text that may contain `{{ … }}`: a multi-line box (`template`, `textarea`, `expression`) or a single line
 * (`text`, `model`). Templated fields get the variable picker and a live preview against the last run.
 */
export function TemplateWidget({
  id,
  nodeId,
  field,
  value,
  onChange,
  multiline,
}: FieldProps & { multiline: boolean }) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const text = asText(value)
  const templated = isTemplated(field.ui)
  const input = useTemplateInput(nodeId, text, (next) => onChange(next))
  const common = {
    id,
    value: text,
    placeholder: localize(field.ui?.placeholder),
    'aria-describedby': field.ui?.help ? `${id}-help` : undefined,
    'data-testid': `input-${field.key}`,
    spellCheck: false,
    ...(templated ? input.fieldProps : {}),
  }
  const mono = field.ui?.widget === 'expression' ? ' input--mono' : ''
  return (
    <div className="template-field">
      <div className="template-field__box">
        {multiline ? (
          <textarea
            {...common}
            ref={(el) => {
              input.ref.current = el
            }}
            className={`input input--area${mono}`}
            rows={Math.min(12, Math.max(3, text.split('\n').length + 1))}
            onChange={(e) => input.onInput(e.target.value, e.target.selectionStart)}
          />
        ) : (
          <input
            {...common}
            ref={(el) => {
              input.ref.current = el
            }}
            className="input"
            onChange={(e) => input.onInput(e.target.value, e.target.selectionStart)}
          />
        )}
        {templated && (
          <button
            type="button"
            className="btn btn--small template-field__insert"
            onClick={input.openPicker}
            data-testid={`insert-${field.key}`}
            aria-haspopup="listbox"
            // mousedown, not click: the caret stays where the reference goes.
            onMouseDown={(e) => e.preventDefault()}
          >
            {t('picker.insert')}
          </button>
        )}
      </div>
      {templated && input.open && <VariablePicker list={input.list} onPick={input.pick} />}
      {templated && <TemplatePreview source={text} />}
    </div>
  )
}

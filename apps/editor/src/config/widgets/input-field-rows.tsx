import { asText } from '../field-props.ts'

export interface InputFieldRow {
  name: string
  required?: boolean
  description?: string
}

/**
 * One text box (a template) per declared input field: a called flow's trigger fields, an MCP tool's arguments. The
 * value maps field names to what was typed.
 */
export function InputFieldRows({
  id,
  testId,
  inputTestId,
  fields,
  values,
  onChange,
}: {
  id: string
  testId: string
  /** Each box's data-testid: this plus the field's name. */
  inputTestId: string
  fields: readonly InputFieldRow[]
  values: Record<string, unknown>
  onChange(values: Record<string, unknown>): void
}) {
  return (
    <div id={id} className="flow-inputs" data-testid={testId}>
      {fields.map((f) => (
        <label key={f.name} className="field">
          <span className="field__label">
            {f.name}
            {f.required ? ' *' : ''}
          </span>
          <input
            className="input"
            data-testid={`${inputTestId}${f.name}`}
            placeholder={f.description || `{{ trigger.body.${f.name} }}`}
            value={asText(values[f.name])}
            onChange={(e) => onChange({ ...values, [f.name]: e.target.value })}
          />
        </label>
      ))}
    </div>
  )
}

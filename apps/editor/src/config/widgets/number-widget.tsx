import { useEffect, useState } from 'react'
import type { FieldProps } from '../field-props.ts'

/**
 * A number box that lets people clear it and type freely: the text is kept while it is not a number yet, and
 * the config gets a number as soon as it is one (the validator names the field if it stays empty).
 */
export function NumberWidget({ id, field, value, onChange }: FieldProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value))
  useEffect(() => {
    setText((current) => (Number(current) === value ? current : value === undefined ? '' : String(value)))
  }, [value])
  const { minimum, maximum } = field.schema
  return (
    <input
      id={id}
      className="input input--number"
      type="number"
      inputMode="numeric"
      value={text}
      min={typeof minimum === 'number' ? minimum : undefined}
      max={typeof maximum === 'number' ? maximum : undefined}
      step={field.schema.type === 'integer' ? 1 : 'any'}
      data-testid={`input-${field.key}`}
      onChange={(e) => {
        setText(e.target.value)
        const n = e.target.valueAsNumber
        onChange(e.target.value.trim() === '' || Number.isNaN(n) ? undefined : n)
      }}
    />
  )
}

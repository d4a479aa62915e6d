import type { ReactNode } from 'react'

interface Props {
  checked: boolean
  onChange(checked: boolean): void
  children: ReactNode
}

/** A switch with its label beside it: a real checkbox underneath, so Space toggles it and screen readers know it. */
export function LabelledSwitch({ checked, onChange, children }: Props) {
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        checked={checked}
        aria-checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>{children}</span>
    </label>
  )
}

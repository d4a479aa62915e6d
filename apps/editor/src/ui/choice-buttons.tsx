/**
 * A row of buttons of which one is chosen (whose flows to list, how to view a shared flow): a fieldset with a
 * hidden legend so a screen reader names the choice, and `aria-pressed` marking the chosen button.
 */
export function ChoiceButtons<T extends string>({
  legend,
  options,
  value,
  onChange,
  className,
  testIdPrefix,
}: {
  legend: string
  options: readonly { value: T; label: string }[]
  value: T
  onChange: (value: T) => void
  className: string
  /** Each button's test id is this followed by its value. */
  testIdPrefix: string
}) {
  return (
    <fieldset className={`choice-buttons ${className}`}>
      <legend className="visually-hidden">{legend}</legend>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          className="btn btn--small"
          aria-pressed={value === option.value}
          onClick={() => onChange(option.value)}
          data-testid={`${testIdPrefix}${option.value}`}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  )
}

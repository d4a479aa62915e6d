import { useTranslation } from 'react-i18next'

/**
 * A dropdown of choices fetched for a field (the flows to call, an MCP server's tools), starting at 请选择. A value
 * no longer among them (a deleted flow, a renamed tool) stays shown as it is rather than silently changing.
 */
export function ChoiceSelect({
  id,
  testId,
  current,
  choices,
  onChange,
}: {
  id: string
  testId: string
  current: string
  choices: readonly { value: string; label: string }[]
  onChange(value: string): void
}) {
  const { t } = useTranslation()
  return (
    <select
      id={id}
      className="input"
      value={current}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{t('form.choose')}</option>
      {current && !choices.some((c) => c.value === current) && <option value={current}>{current}</option>}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  )
}

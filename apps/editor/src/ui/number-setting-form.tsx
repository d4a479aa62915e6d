import { useTranslation } from 'react-i18next'

export interface NumberSettingFormProps {
  label: string
  value: string
  onChange(value: string): void
  onSave(): void
  saved: boolean
  invalid: boolean
  /** What tests find the input and the button by. */
  testIds: { input: string; save: string }
}

/** One whole number an owner sets on the settings page: its field, a save button and "saved" once it is. */
export function NumberSettingForm(props: NumberSettingFormProps) {
  const { t } = useTranslation()
  return (
    <div className="retention__form">
      <label className="inline-field">
        {props.label}
        <input
          className="input input--compact input--number"
          inputMode="numeric"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          aria-invalid={props.invalid}
          data-testid={props.testIds.input}
        />
      </label>
      <button
        type="button"
        className="btn btn--primary"
        onClick={props.onSave}
        data-testid={props.testIds.save}
      >
        {t('retention.save')}
      </button>
      {props.saved && <span role="status">{t('retention.saved')}</span>}
    </div>
  )
}

import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** A read-only value with a Copy button: addresses, commands and new secrets that people paste elsewhere. */
export function CopyField({
  label,
  value,
  multiline,
  testId,
}: {
  label: string
  value: string
  multiline?: boolean
  testId?: string
}) {
  const { t } = useTranslation()
  const id = useId()
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
    } catch {
      // Without clipboard permission (plain http on a classroom network) select the text for Ctrl+C instead.
      const el = document.getElementById(id)
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select()
      return
    }
    setCopied(true)
    setTimeout(() => setCopied(false), 1500)
  }
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="copy-field">
        {multiline ? (
          <textarea
            id={id}
            className="input input--area input--mono"
            readOnly
            rows={value.split('\n').length}
            wrap="off"
            value={value}
            data-testid={testId}
          />
        ) : (
          <input id={id} className="input input--mono" readOnly value={value} data-testid={testId} />
        )}
        <button type="button" className="btn" onClick={() => void copy()}>
          {copied ? t('common.copied') : t('common.copy')}
        </button>
      </div>
    </div>
  )
}

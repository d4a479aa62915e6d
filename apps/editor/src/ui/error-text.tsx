import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/request.ts'

/**
 * A server or network error in plain words: a known code gets its own sentence (what happened, what to do),
 * anything else the server's message under a general heading.
 */
export function errorMessage(t: TFunction, err: unknown, fieldLabels?: Record<string, string>): string {
  if (err instanceof ApiError) {
    const field = fieldLabels && badField(err, fieldLabels)
    if (field) return t('errors.badField', { field })
    const known = t(`errors.code.${err.code}`, { defaultValue: '' })
    if (known) return known
    return t('errors.server', { message: err.message })
  }
  return t('errors.unexpected', { message: err instanceof Error ? err.message : String(err) })
}

interface RecordedError {
  code: string
  message: string
  details?: unknown
}

/**
 * A failure recorded in a run (a node's error, a run's outcome) as one sentence in the reader's language: the
 * sentence for its code, naming the field it is about (`fieldLabel`, or the field's key from `details.field`), or a
 * general one when the code has none. The recorded message, written in English for whoever has to dig, is never
 * the sentence in zh-CN.
 */
export function runErrorSentence(t: TFunction, error: RecordedError, fieldLabel?: string): string {
  const details = error.details as { field?: unknown } | undefined
  const field = fieldLabel ?? (typeof details?.field === 'string' ? details.field : '')
  return (
    t(`errors.code.${error.code}`, { defaultValue: '', field }) ||
    t('errors.runUnknown', { message: error.message })
  )
}

/** The sentence, with the code and the recorded message folded away behind 详细信息. */
export function RunErrorText({ error, fieldLabel }: { error: RecordedError; fieldLabel?: string }) {
  const { t } = useTranslation()
  return (
    <>
      <p className="error-text">{runErrorSentence(t, error, fieldLabel)}</p>
      <details className="error-detail">
        <summary>{t('common.details')}</summary>
        <code>{error.code}</code> <span lang="en">{error.message}</span>
      </details>
    </>
  )
}

/** The label of the first field a 400 `VALIDATION_FAILED` names, when the form shows that field. */
function badField(err: ApiError, labels: Record<string, string>): string | undefined {
  if (err.code !== 'VALIDATION_FAILED') return undefined
  const issues = (err.details as { issues?: { path?: unknown[] }[] } | undefined)?.issues ?? []
  for (const issue of issues) {
    const label = labels[String(issue.path?.[0])]
    if (label) return label
  }
  return undefined
}

/** `fieldLabels`: the form's fields by request key, so a refused field is named as the form names it. */
export function ErrorText({ error, fieldLabels }: { error: unknown; fieldLabels?: Record<string, string> }) {
  const { t } = useTranslation()
  if (!error) return null
  return (
    <p className="error-text" role="alert" data-testid="error-text">
      {errorMessage(t, error, fieldLabels)}
    </p>
  )
}

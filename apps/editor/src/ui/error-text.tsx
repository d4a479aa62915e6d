import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/request.ts'

/**
 * A server or network error in plain words: a known code gets its own sentence (what happened, what to do),
 * anything else the server's message under a general heading.
 */
export function errorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    const known = t(`errors.code.${err.code}`, { defaultValue: '' })
    if (known) return known
    return t('errors.server', { message: err.message })
  }
  return t('errors.unexpected', { message: err instanceof Error ? err.message : String(err) })
}

/**
 * A failure recorded in a run (a node's error, a run's outcome): the plain sentence for its code when there is one,
 * with the technical message kept beside it for whoever has to dig deeper.
 */
export function RunErrorText({ error }: { error: { code: string; message: string } }) {
  const { t } = useTranslation()
  const known = t(`errors.code.${error.code}`, { defaultValue: '' })
  return (
    <>
      <p className="error-text">{known || error.message}</p>
      {known && (
        <p className="error-detail">
          <code>{error.code}</code> {error.message}
        </p>
      )}
    </>
  )
}

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation()
  if (!error) return null
  return (
    <p className="error-text" role="alert">
      {errorMessage(t, error)}
    </p>
  )
}

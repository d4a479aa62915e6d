import { useTranslation } from 'react-i18next'
import type { ConnectionResult } from '../api/model-providers-api.ts'

const SHOWN_MODELS = 8

/**
 * The outcome of "test connection": a plain sentence for what went wrong (the server's problem code) and what to
 * do, with the server's own message beneath it, which names the address or model involved.
 */
export function ConnectionResultText({ result }: { result: ConnectionResult }) {
  const { t } = useTranslation()
  const models = result.models ?? []
  const headline = result.ok
    ? models.length > 0
      ? t('providers.test.okModels', { count: models.length })
      : t('providers.test.ok')
    : t(`providers.test.problem.${result.problem ?? 'unreachable'}`)
  return (
    <div
      className={`notice ${result.ok ? 'notice--ok' : 'notice--error'}`}
      role="status"
      data-testid="connection-result"
      data-ok={result.ok}
    >
      <p className="connection-result__headline">
        {result.ok ? '✓ ' : '✕ '}
        {headline}
      </p>
      {result.ok && models.length > 0 && (
        <p className="connection-result__models">
          {t('providers.test.models', {
            list: models.slice(0, SHOWN_MODELS).join(', ') + (models.length > SHOWN_MODELS ? ', …' : ''),
          })}
        </p>
      )}
      <p className="error-detail">{result.message}</p>
    </div>
  )
}

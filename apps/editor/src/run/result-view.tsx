import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocale } from '../i18n/use-locale.ts'
import { JsonViewer } from './json-viewer.tsx'
import { Markdown } from './markdown.tsx'
import { type ReadablePart, readableParts } from './readable-result.ts'

function Part({ part }: { part: ReadablePart }) {
  const body =
    part.kind === 'markdown' ? (
      <Markdown text={part.text} />
    ) : part.kind === 'link' ? (
      <a href={part.href} target="_blank" rel="noopener noreferrer" className="result__link">
        {part.href}
      </a>
    ) : part.kind === 'value' ? (
      <span>{part.text}</span>
    ) : (
      <div className="result__group">
        {part.parts.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed rendering of one value
          <Part key={i} part={p} />
        ))}
      </div>
    )
  if (part.label === undefined) return body
  return (
    <div className="result__field">
      <div className="result__label">{part.label}</div>
      {body}
    </div>
  )
}

/**
 * A result as formatted text (Markdown rendered, addresses as links), with its JSON one click away. `testId` names
 * whichever of the two is shown, so tests read what a person sees.
 */
export function ResultView({ value, testId }: { value: unknown; testId?: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [asJson, setAsJson] = useState(false)
  const parts = readableParts(value, locale, window.location.origin)
  return (
    <div className="result">
      <button
        type="button"
        className="btn btn--small btn--ghost result__toggle"
        aria-pressed={asJson}
        onClick={() => setAsJson(!asJson)}
        data-testid={testId ? `${testId}-toggle` : undefined}
      >
        {t(asJson ? 'result.asText' : 'result.asJson')}
      </button>
      {asJson ? (
        <JsonViewer value={value} testId={testId ? `${testId}-json` : undefined} />
      ) : (
        <div className="result__text" data-testid={testId}>
          {parts.length === 0 && <p className="panel__note">{t('result.empty')}</p>}
          {parts.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed rendering of one value
            <Part key={i} part={p} />
          ))}
        </div>
      )}
    </div>
  )
}

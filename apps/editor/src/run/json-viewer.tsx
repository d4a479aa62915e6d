import { useState } from 'react'
import { useTranslation } from 'react-i18next'

const PAGE = 100
const LONG_TEXT = 400

interface NodeProps {
  name?: string
  value: unknown
  depth: number
}

function Primitive({ value }: { value: unknown }) {
  const { t } = useTranslation()
  const [full, setFull] = useState(false)
  if (typeof value === 'string') {
    const long = value.length > LONG_TEXT
    return (
      <span className="json__string">
        "{long && !full ? `${value.slice(0, LONG_TEXT)}…` : value}"
        {long && (
          <button type="button" className="json__more" onClick={() => setFull(!full)}>
            {full ? t('json.less') : t('json.fullText', { count: value.length })}
          </button>
        )}
      </span>
    )
  }
  if (value === null || value === undefined) return <span className="json__null">{String(value)}</span>
  return <span className={`json__${typeof value}`}>{String(value)}</span>
}

/**
 * One key of the tree. Children are rendered only once opened, and long lists a page at a time, so a run output
 * of megabytes opens instantly.
 */
function JsonNode({ name, value, depth }: NodeProps) {
  const { t } = useTranslation()
  const isArray = Array.isArray(value)
  const isObject = typeof value === 'object' && value !== null
  const [open, setOpen] = useState(depth < 2)
  const [shown, setShown] = useState(PAGE)
  const label = name !== undefined ? <span className="json__key">{name}: </span> : null
  if (!isObject) {
    return (
      <div className="json__row">
        {label}
        <Primitive value={value} />
      </div>
    )
  }
  const entries: [string, unknown][] = isArray ? value.map((v, i) => [String(i), v]) : Object.entries(value)
  const summary = isArray
    ? t('json.items', { count: entries.length })
    : t('json.fields', { count: entries.length })
  return (
    <div className="json__row">
      <button type="button" className="json__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {label}
        <span className="json__summary">{isArray ? `[ ${summary} ]` : `{ ${summary} }`}</span>
      </button>
      {open && (
        <div className="json__children">
          {entries.slice(0, shown).map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {entries.length > shown && (
            <button type="button" className="json__more" onClick={() => setShown(shown + PAGE)}>
              {t('json.showMore', { count: entries.length - shown })}
            </button>
          )}
        </div>
      )}
    </div>
  )
}

/** A read-only view of any JSON value, with a copy button for the whole thing. */
export function JsonViewer({ value, testId }: { value: unknown; testId?: string }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    await navigator.clipboard?.writeText(JSON.stringify(value, null, 2) ?? '')
    setCopied(true)
    setTimeout(() => setCopied(false), 1500)
  }
  return (
    <div className="json" data-testid={testId}>
      <button type="button" className="btn btn--small json__copy" onClick={() => void copy()}>
        {copied ? t('common.copied') : t('common.copy')}
      </button>
      <JsonNode value={value} depth={0} />
    </div>
  )
}

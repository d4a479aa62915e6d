import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor } from '../editor/editor-store.ts'
import { toDocument } from '../editor/flow-mapping.ts'
import { useLocalize } from '../i18n/use-locale.ts'
import { useRun } from '../run/run-store.ts'
import { variablesFor } from './variables.ts'

interface Props {
  nodeId: string
  onPick(path: string): void
  onClose(): void
}

/**
 * The `{{` picker: what this node can insert, grouped by the node it comes from, with the last run's values as
 * examples. Reads the flow once when it opens; typing filters; Enter picks the first match; Escape closes.
 */
export function VariablePicker({ nodeId, onPick, onClose }: Props) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const [query, setQuery] = useState('')
  const search = useRef<HTMLInputElement>(null)
  const groups = useMemo(() => {
    const { meta, nodes, edges } = useEditor.getState()
    return variablesFor(toDocument(meta, nodes, edges), nodeId, useRun.getState())
  }, [nodeId])

  useEffect(() => search.current?.focus(), [])

  const q = query.trim().toLowerCase()
  const shown = groups
    .map((g) => ({ ...g, variables: g.variables.filter((v) => !q || v.path.toLowerCase().includes(q)) }))
    .filter((g) => g.variables.length > 0)
  const first = shown[0]?.variables[0]

  const groupTitle = (g: (typeof groups)[number]) =>
    g.source === 'trigger'
      ? t('picker.trigger')
      : g.source === 'loop'
        ? t('picker.loop')
        : `${localize(g.title)} · ${g.nodeId ?? ''}`

  return (
    <div
      className="picker"
      role="dialog"
      aria-label={t('picker.title')}
      data-testid="variable-picker"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      <input
        ref={search}
        className="picker__search"
        value={query}
        placeholder={t('picker.search')}
        aria-label={t('picker.search')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && first) {
            e.preventDefault()
            onPick(first.path)
          }
        }}
      />
      <div className="picker__list">
        {shown.length === 0 && (
          <p className="picker__empty">{t(groups.length ? 'picker.noMatch' : 'picker.empty')}</p>
        )}
        {shown.map((g) => (
          <section key={`${g.source}:${g.nodeId ?? ''}`}>
            <h4>{groupTitle(g)}</h4>
            {g.variables.map((v) => (
              <button
                key={v.path}
                type="button"
                className="picker__item"
                data-testid={`var-${v.path}`}
                onClick={() => onPick(v.path)}
              >
                <code>{v.path}</code>
                {v.sample !== undefined && <span className="picker__sample">{v.sample}</span>}
              </button>
            ))}
          </section>
        ))}
      </div>
      <button type="button" className="btn btn--ghost picker__close" onClick={onClose}>
        {t('common.close')}
      </button>
    </div>
  )
}

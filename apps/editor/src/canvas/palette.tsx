import { useReactFlow } from '@xyflow/react'
import { type CatalogueEntry, categories } from '@zhiliu/nodes'
import { type DragEvent, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCatalogue } from '../catalogue/catalogue-store.ts'
import { useEditor } from '../editor/editor-store.ts'
import { freeSpot } from '../editor/free-spot.ts'
import { useLocale } from '../i18n/use-locale.ts'

export const DRAG_TYPE = 'application/x-zhiliu-node'

function matches(entry: CatalogueEntry, query: string): boolean {
  if (!query) return true
  const q = query.toLowerCase()
  return [
    entry.title['zh-CN'],
    entry.title.en,
    entry.type,
    entry.description['zh-CN'],
    entry.description.en,
  ].some((text) => text.toLowerCase().includes(q))
}

/** Every node kind the server offers, grouped by category; drag one onto the canvas, or click to add it. */
export function Palette() {
  const { t } = useTranslation()
  const locale = useLocale()
  const entries = useCatalogue((s) => s.entries)
  const addNode = useEditor((s) => s.addNode)
  const flow = useReactFlow()
  const [query, setQuery] = useState('')

  const groups = useMemo(() => {
    const latest = entries.filter((e) => e.latest && matches(e, query.trim()))
    return categories
      .map((category) => ({ category, items: latest.filter((e) => e.category === category) }))
      .filter((g) => g.items.length > 0)
  }, [entries, query])

  const onDragStart = (event: DragEvent, entry: CatalogueEntry) => {
    event.dataTransfer.setData(DRAG_TYPE, `${entry.type}@${entry.version}`)
    event.dataTransfer.effectAllowed = 'move'
  }

  // Click-to-add puts the node in the middle of what is visible, or the nearest free place next to it.
  const onAdd = (entry: CatalogueEntry) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect()
    const centre = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 }
    addNode(entry, freeSpot({ x: centre.x - 115, y: centre.y - 45 }, useEditor.getState().nodes))
  }

  return (
    <aside className="palette" aria-label={t('palette.title')}>
      <input
        className="palette__search"
        type="search"
        value={query}
        placeholder={t('palette.search')}
        aria-label={t('palette.search')}
        onChange={(e) => setQuery(e.target.value)}
      />
      {groups.length === 0 && <p className="palette__empty">{t('palette.noMatch')}</p>}
      {groups.map((g) => (
        <section key={g.category} className="palette__group">
          <h3>{t(`category.${g.category}`)}</h3>
          {g.items.map((entry) => (
            <button
              key={entry.type}
              type="button"
              className={`palette__item palette__item--${entry.category}`}
              draggable
              onDragStart={(e) => onDragStart(e, entry)}
              onClick={() => onAdd(entry)}
              title={entry.description[locale]}
              data-testid={`palette-${entry.type}`}
            >
              {entry.title[locale]}
            </button>
          ))}
        </section>
      ))}
    </aside>
  )
}

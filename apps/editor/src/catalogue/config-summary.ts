import type { CatalogueEntry, Locale } from '@zhiliu/nodes'
import { fieldsOf } from './schema-fields.ts'

// What the node is about comes first (its template, prompt, expression); short settings (a path, a key) after.
export const textWidgets = [
  ['template', 'textarea', 'expression', 'json'],
  ['text', 'media'],
].map((list) => new Set(list))

const oneLine = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 48 ? `${line.slice(0, 47)}…` : line
}

/**
 * One line that tells nodes of the same kind apart on the canvas: the first filled-in text field (a template or
 * prompt before a URL or a path), else the first list's size, else the first choice made in a select. Empty when nothing says more than the
 * title does.
 */
export function configSummary(
  entry: CatalogueEntry | undefined,
  config: Record<string, unknown>,
  locale: Locale,
  countLabel: (label: string, count: number) => string,
  /** Shows the references in a text by name ("热点线索 › 标题") rather than by path. */
  nameReferences: (text: string) => string = (text) => text,
): string {
  const fields = fieldsOf(entry?.configSchema)
  for (const widgets of textWidgets) {
    for (const f of fields) {
      const value = config[f.key]
      if (f.ui && widgets.has(f.ui.widget) && typeof value === 'string' && value.trim())
        return oneLine(nameReferences(value))
    }
  }
  for (const f of fields) {
    const value = config[f.key]
    if (Array.isArray(value) && value.length > 0 && f.ui) return countLabel(f.ui.label[locale], value.length)
  }
  for (const f of fields) {
    const value = config[f.key]
    const option = typeof value === 'string' ? f.ui?.options?.[value] : undefined
    if (f.ui?.widget === 'select' && option) return oneLine(option[locale])
  }
  return ''
}

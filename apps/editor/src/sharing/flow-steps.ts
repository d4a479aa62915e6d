import { createFlowGraph } from '@zhiliu/engine'
import type { CatalogueEntry, Flow, Locale } from '@zhiliu/nodes'
import { textWidgets } from '../catalogue/config-summary.ts'
import { fieldsOf, type SchemaField } from '../catalogue/schema-fields.ts'
import { shownFields } from '../config/shown-fields.ts'

/** One setting of a step as a student reads it: the form's label and the value as plain text. */
export interface StepSetting {
  key: string
  label: string
  text: string
}

/** A node of a shared flow as a card on a phone: what it is called, what it does and how it is set up. */
export interface FlowStep {
  id: string
  name: string
  /** The node definition's description: what this kind of step does. */
  description: string
  settings: StepSetting[]
}

type EntryOf = (type: string, version: number) => CatalogueEntry | undefined

// What the step is about (its prompt, template) first, as on the canvas's one-line summary; other settings after.
const rankOf = (f: SchemaField) => {
  const rank = textWidgets.findIndex((widgets) => f.ui !== undefined && widgets.has(f.ui.widget))
  return rank === -1 ? textWidgets.length : rank
}

function textOf(f: SchemaField, value: unknown, locale: Locale): string {
  if (typeof value === 'string') return f.ui?.options?.[value]?.[locale] ?? value.trim()
  if (typeof value === 'number') return String(value)
  // A list or an object (headers, fields) as indented JSON; an empty one says nothing.
  if (typeof value !== 'object' || value === null || Object.keys(value).length === 0) return ''
  return JSON.stringify(value, null, 2)
}

/**
 * The steps of a flow in the order a run reaches them (the engine's topological order; document order when the
 * edges loop), each with the settings its form would show. Credentials are left out: a picked credential is an id
 * that means nothing to a reader, and the share view has removed what it points at anyway. Switches are left out
 * too: on/off says little without the form's wording around it.
 */
export function flowSteps(flow: Flow, entryOf: EntryOf, locale: Locale): FlowStep[] {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]))
  const order = createFlowGraph(flow).order ?? flow.nodes.map((n) => n.id)
  return order.flatMap((id) => {
    const node = byId.get(id)
    if (!node) return []
    const entry = entryOf(node.type, node.version)
    const config = node.config as Record<string, unknown>
    const fields = shownFields(fieldsOf(entry?.configSchema), config, () => false)
      .filter((f) => f.ui && f.ui.widget !== 'credential' && f.ui.widget !== 'switch')
      .sort((a, b) => rankOf(a) - rankOf(b))
    const settings = fields.flatMap((f) => {
      const text = textOf(f, config[f.key], locale)
      return text && f.ui ? [{ key: f.key, label: f.ui.label[locale], text }] : []
    })
    return [
      {
        id,
        name: node.name || entry?.title[locale] || node.type,
        description: entry?.description[locale] ?? '',
        settings,
      },
    ]
  })
}

import type { CatalogueEntry, FieldHints } from '@zhiliu/nodes'

export type JsonSchema = CatalogueEntry['configSchema']

/** One property of a config (or list item) schema, with the UI hints its definition attached. */
export interface SchemaField {
  key: string
  schema: JsonSchema
  ui: FieldHints | undefined
  required: boolean
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

function hintsOf(schema: JsonSchema): FieldHints | undefined {
  const ui = schema.ui
  if (!isObject(ui) || typeof ui.widget !== 'string' || !isObject(ui.label)) return undefined
  return ui as unknown as FieldHints
}

/** The properties of an object schema in declaration order, which is the order the form shows them in. */
export function fieldsOf(schema: JsonSchema | undefined): SchemaField[] {
  if (!schema || !isObject(schema.properties)) return []
  const required = new Set(Array.isArray(schema.required) ? schema.required : [])
  return Object.entries(schema.properties).flatMap(([key, s]) =>
    typeof s === 'object' ? [field(key, s, required.has(key))] : [],
  )
}

function field(key: string, schema: JsonSchema, inRequired: boolean): SchemaField {
  const ui = hintsOf(schema)
  // A field whose schema takes an empty value may still be one the node cannot do without (an AI prompt).
  return { key, schema, ui, required: inRequired || ui?.required === true }
}

/** The schema of a list's items, when it is one schema (not a tuple). */
export function itemSchemaOf(schema: JsonSchema): JsonSchema | undefined {
  const items = schema.items
  return typeof items === 'object' && !Array.isArray(items) ? items : undefined
}

/** A fresh item for a list field: each property's default, so a new row starts valid where it can. */
export function newItemFor(schema: JsonSchema | undefined): unknown {
  if (!schema) return ''
  if (schema.type === 'object' || isObject(schema.properties)) {
    const item: Record<string, unknown> = {}
    for (const f of fieldsOf(schema)) {
      if (f.schema.default !== undefined) item[f.key] = structuredClone(f.schema.default)
      else if (f.schema.type === 'string') item[f.key] = ''
    }
    return item
  }
  return schema.default !== undefined ? structuredClone(schema.default) : ''
}

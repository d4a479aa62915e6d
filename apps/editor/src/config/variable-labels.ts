import type { Flow, Locale } from '@zhiliu/nodes'
import { outputFieldLabels, templateRefs } from '@zhiliu/nodes'
import { entryFor } from '../catalogue/catalogue-store.ts'
import type { JsonSchema } from '../catalogue/schema-fields.ts'
import { outputSchemaFor } from './output-schema.ts'

/** What naming a reference needs of a node: a flow document's node or a canvas node's data with its id. */
type FlowNode = Pick<Flow['nodes'][number], 'id' | 'name' | 'type' | 'version' | 'config'>
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** A key Liquid reads after a dot: letters of any script (so `标题`), digits and `_`, not starting with a digit. */
export const isDottedKey = (key: string) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(key)

/** `trigger.body` + `标题` → `trigger.body.标题`; a key a dot cannot carry is quoted: `trigger.body["发布 日期"]`. */
export function childPath(parent: string, key: string): string {
  return isDottedKey(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`
}

/** The schema of one field below an object schema (also through `anyOf`, as zod writes an optional nullable). */
export function childSchema(schema: JsonSchema | undefined, key: string): JsonSchema | undefined {
  if (!schema) return undefined
  const own = isObject(schema.properties) ? schema.properties[key] : undefined
  if (typeof own === 'object') return own
  for (const option of schema.anyOf ?? []) {
    const found = typeof option === 'object' ? childSchema(option, key) : undefined
    if (found) return found
  }
  return undefined
}

function descriptionOf(schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined
  if (schema.description) return schema.description
  for (const option of schema.anyOf ?? [])
    if (typeof option === 'object' && option.description) return option.description
  return undefined
}

/**
 * What a person calls a field: a name they wrote in Chinese as it is; else the first phrase of the description
 * they gave it ("热点线索，一行一条" → 热点线索); else, for a built-in output field, its label; else its name.
 */
export function fieldLabel(key: string, schema: JsonSchema | undefined, locale: Locale): string {
  if (!/^[\x20-\x7e]*$/.test(key)) return key
  const description = descriptionOf(schema)
  // A field someone declared carries a description (its name when they gave none): never a built-in label.
  if (description === undefined) return outputFieldLabels[key]?.[locale] ?? key
  const phrase = description.split(/[，,。.;；:：（(\n]/)[0]?.trim()
  return phrase && phrase.length <= 20 ? phrase : key
}

/** A node as the canvas titles it: the name it was given, else its kind. */
export function nodeLabel(node: Pick<FlowNode, 'name' | 'type' | 'version'>, locale: Locale): string {
  return node.name || entryFor(node.type, node.version)?.title[locale] || node.type
}

const isTrigger = (n: FlowNode) => entryFor(n.type, n.version)?.category === 'trigger'

/** Finding the nodes references point at, without a walk over every node per reference. */
export interface NodeLookup {
  byId(id: string): FlowNode | undefined
  trigger(): FlowNode | undefined
}

export function lookupOf(nodes: readonly FlowNode[]): NodeLookup {
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const trigger = nodes.find(isTrigger)
  return { byId: (id) => byId.get(id), trigger: () => trigger }
}

const toLookup = (nodes: readonly FlowNode[] | NodeLookup) => ('byId' in nodes ? nodes : lookupOf(nodes))

/** The ids of the nodes a text refers to (`trigger` for the flow's input), found cheaply, for knowing when to relabel. */
export function referencedIds(text: string): string[] {
  const ids = new Set<string>()
  for (const m of text.matchAll(/\{\{\s*(?:(trigger)\b|nodes\.([\p{L}\w]+))/gu)) ids.add(m[1] ?? m[2] ?? '')
  return [...ids]
}

type Ref = Pick<ReturnType<typeof templateRefs>[number], 'root' | 'path'>

/** A reference's root and path: a plain dotted path directly (most are, and a card draws many), else by Liquid. */
function parseReference(source: string): Ref | undefined {
  if (/^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*$/u.test(source)) {
    const [root = '', ...path] = source.split('.')
    return { root, path }
  }
  try {
    const refs = templateRefs(`{{ ${source} }}`)
    return refs.length === 1 ? refs[0] : undefined
  } catch {
    return undefined
  }
}

/**
 * "热点线索 › 标题" for `trigger.body.title`, "生成选题策划 › 结果字段 › 本期策划主题" for `nodes.plan.data.theme`:
 * the node's current name and the fields' labels. References hold node ids, so a renamed node keeps them working and
 * they read with its new name. Undefined for what is not a plain path into a node (loop values, filters, a typo).
 */
export function describeReference(
  nodes: readonly FlowNode[] | NodeLookup,
  source: string,
  locale: Locale,
): string | undefined {
  const ref = parseReference(source)
  if (!ref) return undefined
  const path = ref.root === 'nodes' ? ref.path.slice(1) : ref.path
  const lookup = toLookup(nodes)
  const first = ref.path[0]
  const node =
    ref.root === 'trigger'
      ? lookup.trigger()
      : ref.root === 'nodes' && typeof first === 'string'
        ? lookup.byId(first)
        : undefined
  if (!node) return undefined
  const labels = [nodeLabel(node, locale)]
  let schema = outputSchemaFor(node.type, node.version, node.config)
  for (const [i, key] of path.entries()) {
    // A trigger's input fields read as the node's own: "热点线索 › 标题", not "热点线索 › 输入内容 › 标题".
    const skip = ref.root === 'trigger' && i === 0 && key === 'body' && path.length > 1
    if (typeof key === 'number') {
      labels.push(`#${key + 1}`)
      schema = typeof schema?.items === 'object' && !Array.isArray(schema.items) ? schema.items : undefined
      continue
    }
    const child = childSchema(schema, key)
    if (!skip) labels.push(fieldLabel(key, child, locale))
    schema = child
  }
  return labels.join(' › ')
}

/** Template text with each plain `{{ reference }}` shown by name, for a node card: "标题：「热点线索 › 标题」". */
export function labelReferences(
  text: string,
  nodes: readonly FlowNode[] | NodeLookup,
  locale: Locale,
): string {
  const lookup = toLookup(nodes)
  return text.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, source: string) => {
    const label = describeReference(lookup, source, locale)
    return label ? `「${label}」` : whole
  })
}

import { createFlowGraph } from '@zhiliu/engine'
import { type Flow, type Locale, type Localized, t } from '@zhiliu/nodes'
import { entryFor } from '../catalogue/catalogue-store.ts'
import type { JsonSchema } from '../catalogue/schema-fields.ts'
import type { RunView } from '../run/run-store.ts'
import { outputSchemaFor } from './output-schema.ts'
import { childPath, childSchema, fieldLabel, nodeLabel } from './variable-labels.ts'

/** One value a template may insert, e.g. `trigger.body.title`, shown as "热点线索 › 标题". */
export interface Variable {
  path: string
  /** The node's name and the fields' labels, joined with ›. */
  label: string
  /** The last run's value, shortened, when there is one. */
  sample?: string
}

export interface VariableGroup {
  /** The node the values come from; `trigger` for the flow's input, `loop` for item/index. */
  source: 'trigger' | 'node' | 'loop'
  nodeId?: string
  /** The node's name as the canvas shows it. */
  name?: string
  title: Localized | undefined
  variables: Variable[]
}

const MAX_DEPTH = 3
const loopLabels = { item: t('当前这一项', 'Current item'), index: t('序号（从 0 开始）', 'Index (from 0)') }
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function sampleOf(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text === undefined ? '' : text.length > 60 ? `${text.slice(0, 59)}…` : text
}

interface Level {
  path: string
  label: string
  /** The node's name: a trigger's input fields are labelled under it directly ("热点线索 › 标题"). */
  node: string
  schema: JsonSchema | undefined
  data: unknown
}

/** Paths from an output schema (fields a definition declares) and from real data (what the last run produced). */
function collect(at: Level, depth: number, locale: Locale, out: Map<string, Variable>) {
  if (depth > MAX_DEPTH) return
  const keys = new Set<string>()
  if (at.schema && isObject(at.schema.properties))
    for (const k of Object.keys(at.schema.properties)) keys.add(k)
  for (const option of at.schema?.anyOf ?? [])
    if (typeof option === 'object' && isObject(option.properties))
      for (const k of Object.keys(option.properties)) keys.add(k)
  if (isObject(at.data)) for (const k of Object.keys(at.data)) keys.add(k)
  for (const key of keys) {
    const schema = childSchema(at.schema, key)
    const value = isObject(at.data) ? at.data[key] : undefined
    const parent = at.path === 'trigger.body' ? at.node : at.label
    const child = {
      path: childPath(at.path, key),
      label: `${parent} › ${fieldLabel(key, schema, locale)}`,
      node: at.node,
      schema,
      data: value,
    }
    out.set(child.path, {
      path: child.path,
      label: child.label,
      ...(value === undefined ? {} : { sample: sampleOf(value) }),
    })
    collect(child, depth + 1, locale, out)
  }
}

/**
 * What a node's templates can read, grouped by where it comes from: the trigger's fields, every upstream node's
 * output fields (by the engine's own notion of upstream), and item/index inside a loop. Fields come from the
 * definitions' output schemas and, when the flow has run, from the last run's data.
 */
export function variablesFor(
  flow: Flow,
  nodeId: string,
  run: Pick<RunView, 'results'>,
  locale: Locale,
): VariableGroup[] {
  const graph = createFlowGraph(flow)
  const self = graph.nodes.get(nodeId)
  if (!self) return []
  const groups: VariableGroup[] = []
  const upstream = graph.upstream(nodeId)
  for (const n of flow.nodes) {
    const entry = entryFor(n.type, n.version)
    const isTrigger = entry?.category === 'trigger'
    if (!isTrigger && !upstream.has(n.id)) continue
    const out = new Map<string, Variable>()
    const name = nodeLabel(n, locale)
    const root = isTrigger ? 'trigger' : `nodes.${n.id}`
    const level = {
      path: root,
      label: name,
      node: name,
      schema: outputSchemaFor(n.type, n.version, n.config),
      data: run.results[n.id]?.output,
    }
    collect(level, 1, locale, out)
    const title = entry?.title
    const group: VariableGroup = isTrigger
      ? { source: 'trigger', nodeId: n.id, name, title, variables: [...out.values()] }
      : {
          source: 'node',
          nodeId: n.id,
          name,
          title,
          variables: [{ path: root, label: name }, ...out.values()],
        }
    groups.push(group)
  }
  if (self.parentId) {
    groups.push({
      source: 'loop',
      title: undefined,
      variables: [
        { path: 'item', label: loopLabels.item[locale] },
        { path: 'index', label: loopLabels.index[locale] },
      ],
    })
  }
  // The trigger first: it is what people reach for most.
  return groups.sort((a, b) => (a.source === 'trigger' ? -1 : b.source === 'trigger' ? 1 : 0))
}

/** The scope the last run gives templates, for live previews. Undefined before any run. */
export function previewScope(flow: Flow, run: Pick<RunView, 'results' | 'runId'>) {
  if (!run.runId) return undefined
  const trigger = flow.nodes.find((n) => entryFor(n.type, n.version)?.category === 'trigger')
  const nodes: Record<string, unknown> = Object.create(null)
  for (const [id, result] of Object.entries(run.results))
    if (result.status === 'succeeded') nodes[id] = result.output
  return { trigger: trigger ? run.results[trigger.id]?.output : undefined, nodes }
}

/** The groups narrowed to the variables whose path or label contains what was typed after `{{` (any case). */
export function filterVariables(groups: VariableGroup[], query: string): VariableGroup[] {
  const q = query.trim().toLowerCase()
  const matches = (v: Variable) => !q || v.path.toLowerCase().includes(q) || v.label.toLowerCase().includes(q)
  return groups
    .map((g) => ({ ...g, variables: g.variables.filter(matches) }))
    .filter((g) => g.variables.length > 0)
}

import { createFlowGraph } from '@zhiliu/engine'
import type { Flow, Localized } from '@zhiliu/nodes'
import { entryFor } from '../catalogue/catalogue-store.ts'
import { definitionFor } from '../catalogue/node-ports.ts'
import type { JsonSchema } from '../catalogue/schema-fields.ts'
import type { RunView } from '../run/run-store.ts'

/** One value a template may insert, e.g. `trigger.body.title`. */
export interface Variable {
  path: string
  /** The last run's value, shortened, when there is one. */
  sample?: string
}

export interface VariableGroup {
  /** The node the values come from; `trigger` for the flow's input, `loop` for item/index. */
  source: 'trigger' | 'node' | 'loop'
  nodeId?: string
  title: Localized | undefined
  variables: Variable[]
}

const MAX_DEPTH = 3
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function sampleOf(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text === undefined ? '' : text.length > 60 ? `${text.slice(0, 59)}…` : text
}

/** Paths from an output schema (fields a definition declares) and from real data (what the last run produced). */
function collect(
  prefix: string,
  schema: JsonSchema | undefined,
  data: unknown,
  depth: number,
  out: Map<string, Variable>,
) {
  if (depth > MAX_DEPTH) return
  const keys = new Set<string>()
  if (schema && isObject(schema.properties)) for (const k of Object.keys(schema.properties)) keys.add(k)
  if (isObject(data)) for (const k of Object.keys(data)) keys.add(k)
  for (const key of keys) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue
    const path = `${prefix}.${key}`
    const child = schema && isObject(schema.properties) ? schema.properties[key] : undefined
    const childSchema = typeof child === 'object' ? child : undefined
    const value = isObject(data) ? data[key] : undefined
    out.set(path, value === undefined ? { path } : { path, sample: sampleOf(value) })
    collect(path, childSchema, value, depth + 1, out)
  }
}

/** The output shape a node's config implies (data.set's fields, a trigger's declared input), else the general one. */
function outputSchemaFor(
  type: string,
  version: number,
  config: Record<string, unknown>,
): JsonSchema | undefined {
  const def = definitionFor(type, version)
  if (def?.outputFor) {
    const parsed = def.config.safeParse(config)
    if (parsed.success) {
      try {
        return def.outputFor(parsed.data).toJSONSchema({ io: 'output', unrepresentable: 'any' })
      } catch {
        // An odd config the helper cannot describe: fall back to the catalogue's general shape.
      }
    }
  }
  return entryFor(type, version)?.outputSchema
}

/**
 * What a node's templates can read, grouped by where it comes from: the trigger's fields, every upstream node's
 * output fields (by the engine's own notion of upstream), and item/index inside a loop. Fields come from the
 * definitions' output schemas and, when the flow has run, from the last run's data.
 */
export function variablesFor(flow: Flow, nodeId: string, run: Pick<RunView, 'results'>): VariableGroup[] {
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
    const data = run.results[n.id]?.output
    collect(
      isTrigger ? 'trigger' : `nodes.${n.id}`,
      outputSchemaFor(n.type, n.version, n.config),
      data,
      1,
      out,
    )
    const title = entry?.title
    const group: VariableGroup = isTrigger
      ? { source: 'trigger', nodeId: n.id, title, variables: [...out.values()] }
      : { source: 'node', nodeId: n.id, title, variables: [{ path: `nodes.${n.id}` }, ...out.values()] }
    groups.push(group)
  }
  if (self.parentId) {
    groups.push({ source: 'loop', title: undefined, variables: [{ path: 'item' }, { path: 'index' }] })
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

/** The groups narrowed to the variables whose path contains what was typed after `{{` (any case). */
export function filterVariables(groups: VariableGroup[], query: string): VariableGroup[] {
  const q = query.trim().toLowerCase()
  return groups
    .map((g) => ({ ...g, variables: g.variables.filter((v) => !q || v.path.toLowerCase().includes(q)) }))
    .filter((g) => g.variables.length > 0)
}

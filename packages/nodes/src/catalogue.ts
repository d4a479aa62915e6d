import { z } from 'zod'
import {
  type AnyNodeDefinition,
  type NodeCategory,
  outputPorts,
  type PortSpec,
  type RetryPolicy,
  type SideEffects,
} from './define-node.ts'
import type { Localized } from './localized.ts'
import { createRegistry } from './registry.ts'

export type JsonSchema = z.core.JSONSchema.BaseSchema

/** One definition as the editor's palette, the API and the docs see it: plain JSON, no functions. */
export interface CatalogueEntry {
  type: string
  version: number
  /** Whether this is the newest version of its type; older ones only run flows saved with them. */
  latest: boolean
  category: NodeCategory
  title: Localized
  description: Localized
  inputs: readonly PortSpec[]
  /** `dynamic` outputs depend on the config (a switch's cases); `ports` are then those of the default config. */
  outputs: { dynamic: boolean; ports: readonly PortSpec[] }
  /** Config as stored, before defaults: so the editor sees defaults and each field's `ui` hints. */
  configSchema: JsonSchema
  outputSchema: JsonSchema
  /** What a freshly dropped node starts with. */
  defaultConfig: Record<string, unknown>
  sideEffects: false | SideEffects
  retry?: RetryPolicy
  timeoutMs?: number
  iterates: boolean
}

export interface NodeCatalogue {
  nodes: CatalogueEntry[]
}

export interface CatalogueOptions {
  /** Leave out superseded versions, e.g. for the palette. */
  latestOnly?: boolean
}

/**
 * The config a new node starts with. Fields without a sensible default (an HTTP request's URL) are left out, so
 * the editor shows them as still to fill in while every other field already has its default.
 */
function defaultConfigOf(schema: z.ZodType): Record<string, unknown> {
  const whole = schema.safeParse({})
  if (whole.success && typeof whole.data === 'object' && whole.data !== null) return { ...whole.data }
  if (!(schema instanceof z.ZodObject)) return {}
  const config: Record<string, unknown> = {}
  for (const [key, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = fieldSchema.safeParse(undefined)
    if (parsed.success && parsed.data !== undefined) config[key] = parsed.data
  }
  return config
}

// Definitions from plugins may use zod types JSON Schema cannot express; they become `{}` rather than break the API.
// The spread keeps only the plain JSON (zod attaches a non-enumerable validator to the result).
const toJsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => ({
  ...z.toJSONSchema(schema, { io, unrepresentable: 'any' }),
})

export function buildCatalogue(
  defs: readonly AnyNodeDefinition[],
  options: CatalogueOptions = {},
): NodeCatalogue {
  const registry = createRegistry(defs)
  const nodes: CatalogueEntry[] = []
  for (const def of registry.all) {
    const latest = registry.latest(def.type) === def
    if (options.latestOnly && !latest) continue
    const defaultConfig = defaultConfigOf(def.config)
    nodes.push({
      type: def.type,
      version: def.version,
      latest,
      category: def.category,
      title: def.title,
      description: def.description,
      inputs: def.inputs,
      outputs: { dynamic: typeof def.outputs === 'function', ports: outputPorts(def, defaultConfig) },
      configSchema: toJsonSchema(def.config, 'input'),
      outputSchema: toJsonSchema(def.output, 'output'),
      defaultConfig,
      sideEffects: def.sideEffects,
      ...(def.retry ? { retry: def.retry } : {}),
      ...(def.timeoutMs !== undefined ? { timeoutMs: def.timeoutMs } : {}),
      iterates: def.iterates ?? false,
    })
  }
  return { nodes }
}

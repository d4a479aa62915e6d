import { createRoute, z } from '@hono/zod-openapi'
import { buildCatalogue, type NodeCatalogue } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json } from '../http/openapi-helpers.ts'

const Localized = z.object({ 'zh-CN': z.string(), en: z.string() })
const Port = z.object({ name: z.string(), label: Localized, multiple: z.boolean().optional() })
const JsonSchema = z.record(z.string(), z.unknown())

// Documents `CatalogueEntry` from @zhiliu/nodes; `c.json` below fails to compile if the two disagree.
export const CatalogueEntryView = z
  .object({
    type: z.string().openapi({ example: 'http.request' }),
    version: z.number().int(),
    latest: z
      .boolean()
      .openapi({ description: 'Newest version of its type; older ones only run saved flows' }),
    category: z.string(),
    title: Localized,
    description: Localized,
    inputs: z.array(Port).readonly(),
    outputs: z.object({ dynamic: z.boolean(), ports: z.array(Port).readonly() }),
    configSchema: JsonSchema.openapi({ description: 'JSON Schema of the config; fields carry `ui` hints' }),
    outputSchema: JsonSchema,
    defaultConfig: z.record(z.string(), z.unknown()),
    sideEffects: z.union([z.literal(false), z.enum(['keyed', 'unkeyed'])]).openapi({
      description:
        'false: changes nothing outside. `keyed`: a send cut off by a crash is sent again with the same ' +
        'idempotency key, which the receiver drops as a repeat. `unkeyed`: it is never sent again by itself; the ' +
        'run stops `needs_attention` for a person to decide',
    }),
    retry: z.object({ maxAttempts: z.number(), backoffMs: z.number() }).optional(),
    timeoutMs: z.number().optional(),
    iterates: z.boolean(),
  })
  .openapi('CatalogueEntry')

const getNodes = createRoute({
  method: 'get',
  path: '/nodes',
  tags: ['catalogue'],
  summary:
    'Every node definition (each version flows may use): ports, config schema with UI hints, both languages',
  responses: { 200: json(z.object({ nodes: z.array(CatalogueEntryView) }), 'The catalogue'), ...errors(401) },
})

export function createCatalogueRoutes(deps: Pick<AppDeps, 'registry'>) {
  // The definitions do not change while the server runs; building the JSON Schemas once is enough.
  let catalogue: NodeCatalogue | undefined
  return createRouter().openapi(getNodes, (c) => {
    catalogue ??= buildCatalogue(deps.registry.all)
    return c.json(catalogue, 200)
  })
}

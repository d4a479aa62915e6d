import { entryFor } from '../catalogue/catalogue-store.ts'
import { definitionFor } from '../catalogue/node-ports.ts'
import type { JsonSchema } from '../catalogue/schema-fields.ts'

// Node cards ask for the shape of the nodes they refer to on every editor change (a drag included); a config is
// replaced, never changed in place, so its object is a safe cache key.
const cache = new WeakMap<object, JsonSchema | undefined>()

/** The output shape a node's config implies (data.set's fields, a trigger's declared input), else the general one. */
export function outputSchemaFor(
  type: string,
  version: number,
  config: Record<string, unknown>,
): JsonSchema | undefined {
  if (cache.has(config)) return cache.get(config)
  const schema = computeOutputSchema(type, version, config)
  // Only the config-implied shape is worth keeping; the catalogue's own is already at hand.
  if (definitionFor(type, version)?.outputFor) cache.set(config, schema)
  return schema
}

function computeOutputSchema(type: string, version: number, config: Record<string, unknown>) {
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

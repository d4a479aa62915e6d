import { z } from 'zod'
import { type FieldHints, hintsOf, isTemplated } from '../ui-hints.ts'

/** Per config schema, the top-level keys whose strings are left alone. Schemas live as long as their definitions. */
const untemplatedBySchema = new WeakMap<z.ZodType, ReadonlySet<string>>()

/**
 * Whether `{{ … }}` in the top-level config field `key` is rendered before the node runs (see `isTemplated`).
 * Keys the schema does not describe count as templated, like fields without hints; so does every key when the config
 * schema is not an object (a union, a record), since no single field description applies.
 */
export function isTemplatedKey(schema: z.ZodType, key: string): boolean {
  let untemplated = untemplatedBySchema.get(schema)
  if (!untemplated) {
    untemplated = untemplatedKeys(schema)
    untemplatedBySchema.set(schema, untemplated)
  }
  return !untemplated.has(key)
}

function untemplatedKeys(schema: z.ZodType): ReadonlySet<string> {
  const keys = new Set<string>()
  let current: z.ZodType | undefined = schema
  while (current && !(current instanceof z.ZodObject)) current = unwrap(current)
  if (!current) return keys
  for (const [key, field] of Object.entries(current.shape as Record<string, z.ZodType>)) {
    if (!isTemplated(fieldHints(field))) keys.add(key)
  }
  return keys
}

/** Hints may sit on the field or on the schema inside `.optional()`/`.default()`, depending on call order. */
function fieldHints(field: z.ZodType): FieldHints | undefined {
  for (let current: z.ZodType | undefined = field; current; current = unwrap(current)) {
    const hints = hintsOf(current)
    if (hints) return hints
  }
  return undefined
}

function unwrap(schema: z.ZodType): z.ZodType | undefined {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodNonOptional ||
    schema instanceof z.ZodReadonly ||
    schema instanceof z.ZodCatch
  ) {
    return schema.unwrap() as z.ZodType
  }
  if (schema instanceof z.ZodPipe) return schema.in as z.ZodType
  return undefined
}

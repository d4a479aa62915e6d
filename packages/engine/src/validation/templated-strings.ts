import { hintsOf, isTemplated } from '@zhiliu/nodes'
import type { z } from 'zod'
import type { PathSegment } from './problem.ts'

export interface TemplatedString {
  /** Path inside the node's config. */
  field: PathSegment[]
  source: string
}

export const templateMarker = /\{\{|\{%/

/**
 * Every string in `config` that the engine renders as a template before the node runs: one holding `{{` or `{%`
 * anywhere under a templated top-level field. This mirrors `renderConfig` in @zhiliu/nodes (top-level hints decide;
 * strings in nested arrays and plain objects are rendered) rather than calling `configRefs`, because that stops at
 * the first template that does not parse and the validator must report every one. A test holds the two together.
 */
export function templatedStrings(config: Record<string, unknown>, schema: z.ZodType): TemplatedString[] {
  const found: TemplatedString[] = []
  const shape = objectShape(schema)
  for (const [key, value] of Object.entries(config)) {
    const fieldSchema = shape && Object.hasOwn(shape, key) ? shape[key] : undefined
    if (fieldSchema && !isTemplated(hintsThrough(fieldSchema))) continue
    collect(value, [key], found)
  }
  return found
}

function collect(value: unknown, path: PathSegment[], found: TemplatedString[]): void {
  if (typeof value === 'string') {
    if (templateMarker.test(value)) found.push({ field: path, source: value })
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      collect(item, [...path, i], found)
    })
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) collect(item, [...path, key], found)
  }
}

/** The config's object shape under any wrappers, or undefined when it is not an object (then every key counts). */
export function objectShape(schema: z.core.$ZodType): Record<string, z.core.$ZodType> | undefined {
  for (let current: z.core.$ZodType | undefined = schema; current; current = unwrap(current)) {
    const def = (current as z.core.$ZodTypes)._zod.def
    if (def.type === 'object') return def.shape
  }
  return undefined
}

/** Hints may sit on the field or on the schema inside `.optional()`/`.default()`, depending on call order. */
export function hintsThrough(field: z.core.$ZodType) {
  for (let current: z.core.$ZodType | undefined = field; current; current = unwrap(current)) {
    const hints = hintsOf(current as z.ZodType)
    if (hints) return hints
  }
  return undefined
}

const wrappers = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch'])

export function unwrap(schema: z.core.$ZodType): z.core.$ZodType | undefined {
  const def = (schema as z.core.$ZodTypes)._zod.def
  if (def.type === 'pipe') return def.in
  return wrappers.has(def.type) && 'innerType' in def ? def.innerType : undefined
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

import { isTemplated } from '@zhiliu/nodes'
import type { z } from 'zod'
import type { PathSegment } from './problem.ts'
import { hintsThrough, templateMarker, unwrap } from './templated-strings.ts'

export interface ExpressionString {
  /** Path inside the node's config. */
  field: PathSegment[]
  source: string
}

/**
 * Every string in `config` written in a field whose hint is the `expression` widget, at any depth of objects and
 * lists: the definitions say which fields hold JSONata, so no list of node types is kept here.
 *
 * Blank strings are left to the schema (a required expression reports itself). A field whose hints also render
 * templates (`template: true`) and whose text holds `{{`/`{%` is skipped: what JSONata parses is only known after the
 * render, at run time; the template itself is still checked as a template.
 */
export function expressionStrings(config: unknown, schema: z.core.$ZodType): ExpressionString[] {
  const found: ExpressionString[] = []
  collect(config, schema, [], found)
  return found
}

function collect(value: unknown, schema: z.core.$ZodType, path: PathSegment[], found: ExpressionString[]) {
  const hints = hintsThrough(schema)
  if (hints?.widget === 'expression') {
    if (typeof value !== 'string' || value.trim() === '') return
    if (isTemplated(hints) && templateMarker.test(value)) return
    found.push({ field: path, source: value })
    return
  }
  const def = innermost(schema)._zod.def as z.core.$ZodTypes['_zod']['def']
  if (def.type === 'object' && isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      const inner = Object.hasOwn(def.shape, key) ? def.shape[key] : undefined
      if (inner) collect(item, inner, [...path, key], found)
    }
  } else if (def.type === 'array' && Array.isArray(value)) {
    value.forEach((item, i) => {
      collect(item, def.element, [...path, i], found)
    })
  }
}

function innermost(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema
  for (let next = unwrap(current); next; next = unwrap(current)) current = next
  return current
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

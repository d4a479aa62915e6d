import type { z } from 'zod'
import type { PathSegment } from './problem.ts'

/**
 * Where a path stops matching a schema: the failing segment's index, whether the value there is an object (with
 * the field names it has) or a single value (text, number, list…) that has no named fields at all.
 */
export type PathMismatch = { at: number; kind: 'object' | 'value'; fields: string[] }

/** Liquid reads these on lists (and `size` on text and objects too), so they are never a missing field. */
const listProps = new Set(['first', 'last'])

/**
 * Follows a template path (`['body', 'items', 0, 'title']`) through a zod output schema and returns where it falls
 * off, or null when it fits. Wherever the schema stops describing the value (unknown, any, records' keys, a
 * catchall, transforms, custom types) the rest of the path is accepted: the validator only reports what is
 * certainly wrong, since a false alarm would teach people to ignore it.
 */
export function matchSchemaPath(schema: z.ZodType, path: readonly PathSegment[]): PathMismatch | null {
  return walk(schema, path, 0)
}

function walk(schema: z.core.$ZodType, path: readonly PathSegment[], i: number): PathMismatch | null {
  if (i >= path.length) return null
  const seg = path[i] as PathSegment
  const def = (schema as z.core.$ZodTypes)._zod.def
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return walk(def.innerType, path, i)
    case 'pipe':
      return walk(def.out, path, i)
    case 'lazy':
      return walk(def.getter(), path, i)
    case 'object': {
      const key = String(seg)
      const field = Object.hasOwn(def.shape, key) ? def.shape[key] : undefined
      if (field) return walk(field, path, i + 1)
      if (def.catchall && (def.catchall as z.core.$ZodTypes)._zod.def.type !== 'never') {
        return walk(def.catchall, path, i + 1)
      }
      if (seg === 'size') return endsHere(path, i)
      return { at: i, kind: 'object', fields: Object.keys(def.shape) }
    }
    case 'record':
      return walk(def.valueType, path, i + 1)
    case 'array':
      if (typeof seg === 'number' || listProps.has(seg)) return walk(def.element, path, i + 1)
      return seg === 'size' ? endsHere(path, i) : { at: i, kind: 'value', fields: [] }
    case 'tuple': {
      const item = typeof seg === 'number' ? (def.items[seg] ?? def.rest) : undefined
      if (item) return walk(item, path, i + 1)
      if (typeof seg === 'string' && listProps.has(seg)) return null
      return seg === 'size' ? endsHere(path, i) : { at: i, kind: 'value', fields: [] }
    }
    case 'union':
      return firstFit(def.options, path, i)
    case 'intersection':
      return firstFit([def.left, def.right], path, i)
    case 'string':
    case 'enum':
    case 'literal':
    case 'template_literal':
      return seg === 'size' ? endsHere(path, i) : { at: i, kind: 'value', fields: [] }
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'date':
    case 'null':
    case 'undefined':
    case 'void':
    case 'nan':
    case 'symbol':
    case 'never':
      return { at: i, kind: 'value', fields: [] }
    default:
      return null
  }
}

/** `size` is a number: nothing can follow it. */
function endsHere(path: readonly PathSegment[], i: number): PathMismatch | null {
  return i + 1 >= path.length ? null : { at: i + 1, kind: 'value', fields: [] }
}

/** A path fits a union if it fits any member; otherwise report the member it got furthest into. */
function firstFit(
  options: readonly z.core.$ZodType[],
  path: readonly PathSegment[],
  i: number,
): PathMismatch | null {
  let best: PathMismatch | undefined
  for (const option of options) {
    const miss = walk(option, path, i)
    if (!miss) return null
    if (!best || miss.at > best.at) best = miss
    else if (miss.at === best.at && miss.kind === 'object') {
      best = { at: best.at, kind: 'object', fields: [...new Set([...best.fields, ...miss.fields])] }
    }
  }
  return best ?? null
}

/**
 * How deep a node's output may nest. The API accepts request bodies up to 64 levels (the server's
 * `parseJsonSafely`); a trigger's output wraps the body and later nodes wrap outputs again (`{ waitedMs, value }`),
 * so outputs get room for that, while every serialiser and walker downstream (storage, events, redaction, answers)
 * stays thousands of frames away from a stack overflow.
 */
export const MAX_OUTPUT_DEPTH = 100

/** Limits on what one run records, in characters of JSON text (see `measureOutput`). */
export interface OutputLimits {
  /** One node's output. */
  maxNodeOutput: number
  /** Every node output of one run together. */
  maxRunOutput: number
}

export const DEFAULT_OUTPUT_LIMITS: OutputLimits = {
  maxNodeOutput: 2 * 1024 * 1024,
  maxRunOutput: 16 * 1024 * 1024,
}

export type Measure =
  | { readonly ok: true; readonly size: number }
  | { readonly ok: false; readonly reason: 'depth' | 'size' | 'bigint' }

/**
 * Walks a value once, iteratively (an explicit stack, so no input can overflow the call stack), and returns the
 * length its JSON text would have — without building that text — or stops at the first level past `maxDepth`,
 * once the size passes `maxSize`, or at a BigInt (which `JSON.stringify` throws on). A cycle is reported as too
 * deep. The size counts characters, not UTF-8 bytes, and ignores string escapes and `toJSON` (a Date counts as
 * `{}`): a cheap bound for storage, not an exact byte count.
 */
export function measureOutput(value: unknown, maxDepth: number, maxSize: number): Measure {
  const values: unknown[] = [value]
  const depths: number[] = [0]
  let size = 0
  while (depths.length > 0) {
    const next = values.pop()
    const depth = depths.pop() as number
    if (typeof next !== 'object' || next === null) {
      if (typeof next === 'bigint') return { ok: false, reason: 'bigint' }
      size += sizeOf(next)
    } else {
      if (depth >= maxDepth) return { ok: false, reason: 'depth' }
      // Brackets, plus a comma between items.
      size += 2
      if (Array.isArray(next)) {
        size += Math.max(0, next.length - 1)
        for (let i = next.length - 1; i >= 0; i--) {
          values.push(next[i])
          depths.push(depth + 1)
        }
      } else {
        let count = 0
        for (const key of Object.keys(next)) {
          // "key": and the comma before every entry but the first.
          size += key.length + (count++ > 0 ? 4 : 3)
          values.push((next as Record<string, unknown>)[key])
          depths.push(depth + 1)
        }
      }
    }
    if (size > maxSize) return { ok: false, reason: 'size' }
  }
  return { ok: true, size }
}

function sizeOf(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4
    case 'boolean':
      return value ? 4 : 5
    default:
      // null, and what JSON leaves out or writes as null (undefined, functions, symbols): a little generous.
      return 4
  }
}

/** Returned when a value on the path is something only Liquid knows how to read. */
export const NEEDS_LIQUID: unique symbol = Symbol('needs Liquid')

const hasOwn = Object.prototype.hasOwnProperty

/**
 * `{{ a.b.c }}` read the way the template engine reads it — own properties only, a missing key gives undefined and
 * so does anything below it, `null` stays `null` — without building a render context and walking Liquid's
 * generators, which cost more than the rest of running a small node. Data is JSON-like; anything else on the way
 * (a function, a class instance, a Liquid drop) returns NEEDS_LIQUID and the caller renders the usual way.
 * The path never holds `size`, `first`, `last` or the hidden keys (see parse-template.ts).
 */
export function readPlainPath(env: object, path: readonly string[]): unknown {
  let value: unknown = env
  for (const key of path) {
    if (value === null || value === undefined) return value
    if (typeof value === 'function' || (typeof value === 'object' && !isPlainData(value))) return NEEDS_LIQUID
    value = hasOwn.call(value, key) ? (value as Record<string, unknown>)[key] : undefined
  }
  if (typeof value === 'function' || (typeof value === 'object' && value !== null && !isPlainData(value))) {
    return NEEDS_LIQUID
  }
  return value
}

function isPlainData(value: object): boolean {
  if (Array.isArray(value)) return true
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return false
  // Liquid turns an object with a `toLiquid` method into what it returns.
  return typeof (value as { toLiquid?: unknown }).toLiquid !== 'function'
}

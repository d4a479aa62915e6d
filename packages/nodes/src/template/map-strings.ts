export type FieldPath = Array<string | number>

/**
 * A copy of `value` with every string replaced by `fn(string, path)`, walking arrays and plain objects. Other values
 * are kept as they are. Keys are defined, not assigned, so a `__proto__` key in config data stays an ordinary key.
 */
export function mapStrings(
  value: unknown,
  fn: (text: string, path: FieldPath) => unknown,
  path: FieldPath = [],
): unknown {
  if (typeof value === 'string') return fn(value, path)
  if (Array.isArray(value)) return value.map((item, i) => mapStrings(item, fn, [...path, i]))
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapStrings(item, fn, [...path, key])]),
    )
  }
  return value
}

/** Calls `fn` for every string in `value`, with its path, in document order. */
export function forEachString(
  value: unknown,
  fn: (text: string, path: FieldPath) => void,
  path: FieldPath = [],
): void {
  if (typeof value === 'string') fn(value, path)
  else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) forEachString(item, fn, [...path, i])
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) forEachString(item, fn, [...path, key])
  }
}

/** `fields[2].value`: how the editor and the validator name a place in a config. */
export function formatFieldPath(path: FieldPath): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('')
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

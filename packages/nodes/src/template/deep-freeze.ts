/** Roots already frozen all the way down: a repeated render of the same node output costs one lookup. */
const frozenRoots = new WeakSet<object>()

/**
 * Freezes a value and everything it holds, in place, and remembers a root it had to walk.
 *
 * Why freeze rather than clone: scope values are node outputs the engine has already recorded and must treat as
 * immutable anyway, while cloning would cost a full copy on every render (a for-each renders the same outputs
 * thousands of times). Freezing costs one walk per value, ever. It also protects the other direction: a single-tag
 * template hands the referenced value itself to the next node, which must not be able to change the recorded output.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  // Most node outputs are one small flat record (`{ result: 3 }`): frozen is then frozen all the way down, so it
  // needs neither the walk's set and stack nor a place in `frozenRoots` (a WeakSet entry per output of every run
  // cost more than the freezing, and more again in the collector). A large one keeps the one-lookup path.
  if (!ArrayBuffer.isView(value) && isSmallAndFlat(value)) return Object.freeze(value)
  if (frozenRoots.has(value)) return value
  const seen = new Set<object>()
  const pending: object[] = [value]
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    if (seen.has(current)) continue
    seen.add(current)
    // Typed arrays cannot be frozen; node outputs are JSON-like data, so these only come from in-process callers.
    if (ArrayBuffer.isView(current)) continue
    Object.freeze(current)
    const children: unknown[] = Array.isArray(current) ? current : Object.values(current)
    for (const child of children) {
      if (typeof child === 'object' && child !== null && !frozenRoots.has(child)) pending.push(child)
    }
  }
  frozenRoots.add(value)
  return value
}

/** Keys looked at before a value counts as large: checking costs less than the WeakSet lookup up to about here. */
const SMALL_KEYS = 16

function isSmallAndFlat(value: object): boolean {
  let keys = 0
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    if (++keys > SMALL_KEYS) return false
    const child = (value as Record<string, unknown>)[key]
    if (typeof child === 'object' && child !== null) return false
  }
  return true
}

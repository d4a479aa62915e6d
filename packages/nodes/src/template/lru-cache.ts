export interface LruCache<K, V> {
  get(key: K): V | undefined
  /** `weight` (e.g. the source length) counts against `maxWeight`; an entry heavier than that is not kept. */
  set(key: K, value: V, weight?: number): void
  readonly size: number
  clear(): void
}

export interface LruOptions {
  maxEntries: number
  /** Bounds the summed weights, so that a few huge keys cannot hold on to unbounded memory. */
  maxWeight?: number
}

/**
 * A least-recently-used cache on a Map, whose insertion order doubles as recency order. Parsed templates and compiled
 * expressions are kept here: parsing dominates the cost of a render, and flows render the same texts over and over.
 */
export function createLruCache<K, V>({
  maxEntries,
  maxWeight = Number.POSITIVE_INFINITY,
}: LruOptions): LruCache<K, V> {
  const entries = new Map<K, { value: V; weight: number }>()
  let totalWeight = 0
  // The most recent key: a flow that runs one expression over and over skips re-inserting it on every read.
  let newest: K | undefined

  function evict(key: K): void {
    const entry = entries.get(key)
    if (!entry) return
    entries.delete(key)
    totalWeight -= entry.weight
  }

  return {
    get(key) {
      const entry = entries.get(key)
      if (!entry) return undefined
      if (key === newest) return entry.value
      // Re-inserting moves the key to the most recent end of the Map.
      entries.delete(key)
      entries.set(key, entry)
      newest = key
      return entry.value
    },
    set(key, value, weight = 1) {
      evict(key)
      if (weight > maxWeight) return
      entries.set(key, { value, weight })
      newest = key
      totalWeight += weight
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && totalWeight <= maxWeight) break
        evict(oldest)
      }
    },
    get size() {
      return entries.size
    },
    clear() {
      entries.clear()
      newest = undefined
      totalWeight = 0
    },
  }
}

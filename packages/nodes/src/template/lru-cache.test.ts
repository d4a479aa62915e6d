import { describe, expect, it } from 'vitest'
import { createLruCache } from './lru-cache.ts'

describe('createLruCache', () => {
  it('evicts the least recently used entry when full', () => {
    const cache = createLruCache<string, number>({ maxEntries: 2 })
    cache.set('a', 1)
    cache.set('b', 2)
    cache.get('a')
    cache.set('c', 3)
    expect(cache.get('a')).toBe(1)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('c')).toBe(3)
    expect(cache.size).toBe(2)
  })

  it('keeps recency right when the same key is read over and over, then another', () => {
    const cache = createLruCache<string, number>({ maxEntries: 2 })
    cache.set('a', 1)
    cache.set('b', 2)
    cache.get('a')
    cache.get('a')
    cache.get('b')
    cache.get('b')
    cache.set('c', 3)
    expect(cache.get('a')).toBeUndefined()
    expect([cache.get('b'), cache.get('c')]).toEqual([2, 3])
  })

  it('evicts old entries until the summed weight fits, and keeps nothing heavier than the bound', () => {
    const cache = createLruCache<string, string>({ maxEntries: 10, maxWeight: 10 })
    cache.set('a', 'a', 4)
    cache.set('b', 'b', 4)
    cache.set('c', 'c', 4)
    expect(cache.get('a')).toBeUndefined()
    expect([cache.get('b'), cache.get('c')]).toEqual(['b', 'c'])
    cache.set('huge', 'huge', 11)
    expect(cache.get('huge')).toBeUndefined()
    expect(cache.size).toBe(2)
  })

  it('replaces the value and weight of a key set twice', () => {
    const cache = createLruCache<string, number>({ maxEntries: 10, maxWeight: 10 })
    cache.set('a', 1, 8)
    cache.set('a', 2, 2)
    cache.set('b', 3, 8)
    expect([cache.get('a'), cache.get('b')]).toEqual([2, 3])
  })
})

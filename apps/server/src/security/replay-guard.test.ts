import { describe, expect, it } from 'vitest'
import { createMemoryReplayGuard } from './replay-guard.ts'

describe('createMemoryReplayGuard', () => {
  it('reports a delivery id the second time it is seen within the window', () => {
    const guard = createMemoryReplayGuard({ windowMs: 1000 })
    expect(guard.seen('msg_1', 0)).toBe(false)
    expect(guard.seen('msg_2', 10)).toBe(false)
    expect(guard.seen('msg_1', 999)).toBe(true)
  })

  it('forgets ids once the window has passed', () => {
    const guard = createMemoryReplayGuard({ windowMs: 1000 })
    guard.seen('msg_1', 0)
    expect(guard.seen('msg_1', 1000)).toBe(false)
    expect(guard.seen('msg_1', 1500)).toBe(true)
  })

  it('defaults to twice the 300 s signature tolerance', () => {
    const guard = createMemoryReplayGuard()
    guard.seen('msg_1', 0)
    expect(guard.seen('msg_1', 599_999)).toBe(true)
    expect(guard.seen('msg_1', 600_000)).toBe(false)
  })

  it('stays within maxEntries by forgetting the oldest ids first', () => {
    const guard = createMemoryReplayGuard({ windowMs: 60_000, maxEntries: 3 })
    for (const id of ['a', 'b', 'c', 'd']) guard.seen(id, 1)
    expect(guard.seen('d', 2)).toBe(true)
    expect(guard.seen('b', 2)).toBe(true)
    expect(guard.seen('a', 2)).toBe(false)
  })
})

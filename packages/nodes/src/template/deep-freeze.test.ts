import { describe, expect, it } from 'vitest'
import { deepFreeze } from './deep-freeze.ts'

describe('deepFreeze', () => {
  it('freezes a flat record and a flat array in place', () => {
    const record = { result: 3, text: 'a' }
    const list = [1, 'two', null]
    expect(deepFreeze(record)).toBe(record)
    expect(deepFreeze(list)).toBe(list)
    expect(Object.isFrozen(record)).toBe(true)
    expect(Object.isFrozen(list)).toBe(true)
  })

  it('freezes a large flat record, repeatedly', () => {
    const record = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]))
    expect(deepFreeze(deepFreeze(record))).toBe(record)
    expect(Object.isFrozen(record)).toBe(true)
  })

  it('freezes everything a nested value holds, cycles included', () => {
    const inner: Record<string, unknown> = { n: 1 }
    const value = { list: [inner, { deeper: [2] }], inner }
    inner.back = value
    deepFreeze(value)
    expect(Object.isFrozen(value)).toBe(true)
    expect(Object.isFrozen(value.list)).toBe(true)
    expect(Object.isFrozen(inner)).toBe(true)
    expect(Object.isFrozen((value.list[1] as { deeper: number[] }).deeper)).toBe(true)
  })

  it('still walks into a record whose only object is a child of an already frozen parent', () => {
    const child = { n: 1 }
    const parent = Object.freeze({ child })
    deepFreeze({ parent })
    expect(Object.isFrozen(child)).toBe(true)
  })
})

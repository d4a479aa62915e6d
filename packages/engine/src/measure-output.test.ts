import { describe, expect, it } from 'vitest'
import { measureOutput } from './measure-output.ts'

/** `{ v: { v: … 1 } }`, `levels` objects deep, built without recursion. */
function nested(levels: number): unknown {
  let value: unknown = 1
  for (let i = 0; i < levels; i++) value = { v: value }
  return value
}

describe('measureOutput', () => {
  it('gives the length of the JSON text for plain data, without serialising it', () => {
    const samples = [
      null,
      true,
      false,
      0,
      -12.5,
      1e21,
      '',
      'hello',
      [],
      {},
      [1, 'two', null, [false]],
      { a: 1, bc: { d: ['x', 'yz'] }, e: {} },
    ]
    for (const value of samples) {
      expect(measureOutput(value, 100, Number.POSITIVE_INFINITY)).toEqual({
        ok: true,
        size: JSON.stringify(value).length,
      })
    }
  })

  it('accepts exactly maxDepth levels of nesting and refuses one more, as the API counts body brackets', () => {
    expect(measureOutput(nested(64), 64, Number.POSITIVE_INFINITY).ok).toBe(true)
    expect(measureOutput(nested(65), 64, Number.POSITIVE_INFINITY)).toEqual({ ok: false, reason: 'depth' })
    expect(measureOutput([[[]]], 2, 100)).toEqual({ ok: false, reason: 'depth' })
  })

  it('walks 1,000,000 levels without overflowing the stack and stops at the limit', () => {
    expect(measureOutput(nested(1_000_000), 100, Number.POSITIVE_INFINITY)).toEqual({
      ok: false,
      reason: 'depth',
    })
  })

  it('reports a value that contains itself as too deep instead of looping', () => {
    const loop: Record<string, unknown> = { a: 1 }
    loop.self = loop
    expect(measureOutput(loop, 100, Number.POSITIVE_INFINITY)).toEqual({ ok: false, reason: 'depth' })
  })

  it('stops once the size passes the limit', () => {
    const big = { text: 'x'.repeat(1000) }
    expect(measureOutput(big, 100, 1011)).toEqual({ ok: true, size: JSON.stringify(big).length })
    expect(measureOutput(big, 100, 1010)).toEqual({ ok: false, reason: 'size' })
    expect(
      measureOutput(
        Array.from({ length: 10_000 }, () => 0),
        100,
        5000,
      ),
    ).toEqual({
      ok: false,
      reason: 'size',
    })
  })

  it('refuses a BigInt, which JSON.stringify throws on', () => {
    expect(measureOutput({ n: [1n] }, 100, 1000)).toEqual({ ok: false, reason: 'bigint' })
  })
})

import { describe, expect, it } from 'vitest'
import { jsonErrorPosition } from './json-error-position.ts'

describe('jsonErrorPosition', () => {
  it('finds nothing wrong with valid JSON', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\n\\u4e2d", true, null, {"k": []}] ', '"x"', '0']) {
      expect(jsonErrorPosition(text)).toBeUndefined()
    }
  })

  it('points at the first character that breaks the grammar', () => {
    expect(jsonErrorPosition('{"a":1,}')).toBe(7)
    expect(jsonErrorPosition("{'a':1}")).toBe(1)
    expect(jsonErrorPosition('[1 2]')).toBe(3)
    expect(jsonErrorPosition('{"a" 1}')).toBe(5)
    expect(jsonErrorPosition('01')).toBe(1)
    expect(jsonErrorPosition('"bad \\x"')).toBe(6)
    expect(jsonErrorPosition('{"a":1} extra')).toBe(8)
  })

  it('points past the end when the text stops early', () => {
    expect(jsonErrorPosition('{"a": [1, 2')).toBe(11)
    expect(jsonErrorPosition('"open')).toBe(5)
    expect(jsonErrorPosition('')).toBe(0)
  })

  it('gives up without overflowing on absurdly deep nesting', () => {
    expect(jsonErrorPosition('['.repeat(100_000))).toBeUndefined()
  })
})

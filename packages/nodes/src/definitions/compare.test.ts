import { describe, expect, it } from 'vitest'
import { compare } from './compare.ts'

describe('compare', () => {
  it('compares numeric text by value, not by characters', () => {
    expect(compare('100', 'gt', '60')).toBe(true)
    expect(compare('9', 'lt', 10)).toBe(true)
    expect(compare(' 82 ', 'equals', 82)).toBe(true)
    expect(compare('1.0', 'equals', '1')).toBe(true)
    expect(compare(60, 'gte', '60')).toBe(true)
    expect(compare(59.9, 'gte', '60')).toBe(false)
  })

  it('compares other values as text, exactly', () => {
    expect(compare('体育', 'equals', '体育')).toBe(true)
    expect(compare('体育', 'notEquals', '财经')).toBe(true)
    expect(compare('Abc', 'equals', 'abc')).toBe(false)
    expect(compare(true, 'equals', 'true')).toBe(true)
    expect(compare('0x10', 'equals', '16')).toBe(false)
  })

  it('orders non-numeric text by character, which sorts ISO dates', () => {
    expect(compare('2025-03-01', 'gt', '2025-02-28')).toBe(true)
    expect(compare('2025-03-01T08:00:00Z', 'lt', '2025-03-01T09:00:00Z')).toBe(true)
  })

  it('never calls a missing value greater or smaller than something', () => {
    for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
      expect(compare(undefined, op, 5)).toBe(false)
      expect(compare('', op, 'a')).toBe(false)
      expect(compare('abc', op, 5)).toBe(false)
    }
  })

  it('finds text inside text and items inside lists', () => {
    expect(compare('突发新闻:地震', 'contains', '地震')).toBe(true)
    expect(compare(['a', '2'], 'contains', 2)).toBe(true)
    expect(compare(['a', 'b'], 'notContains', 'c')).toBe(true)
    expect(compare('hello', 'startsWith', 'he')).toBe(true)
    expect(compare('report.pdf', 'endsWith', '.pdf')).toBe(true)
    expect(compare('report.pdf', 'endsWith', '.doc')).toBe(false)
  })

  it('counts nothing, blank text and empty lists or objects as empty', () => {
    for (const empty of [undefined, null, '', '   ', [], {}]) expect(compare(empty, 'isEmpty', '')).toBe(true)
    for (const full of [0, false, 'x', [0], { a: 1 }]) expect(compare(full, 'isNotEmpty', '')).toBe(true)
  })

  it('reads the usual spellings of yes and no, with nothing counting as no', () => {
    for (const yes of [true, 'true', 'TRUE', '1', 1, 'yes', '是'])
      expect(compare(yes, 'isTrue', '')).toBe(true)
    for (const no of [false, 'false', '0', 0, 'no', '否', '', undefined])
      expect(compare(no, 'isFalse', '')).toBe(true)
    expect(compare('maybe', 'isTrue', '')).toBe(false)
    expect(compare('maybe', 'isFalse', '')).toBe(false)
  })
})

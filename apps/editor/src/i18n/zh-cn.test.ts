import { describe, expect, it } from 'vitest'
import { zhCN } from './zh-cn.ts'

function sentences(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (value && typeof value === 'object') return Object.values(value).flatMap(sentences)
  return []
}

describe('the Chinese interface', () => {
  it('quotes no internal English label as if a person would see it (“recording” on a screen that says 录好的回答)', () => {
    const quotingCode = sentences(zhCN).filter((s) => /“[a-z_.]+”/.test(s))
    expect(quotingCode).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { money, usageText } from './usage-text.ts'

const usage = {
  promptTokens: 1200,
  completionTokens: 3456,
  reasoningTokens: 0,
  cost: { cny: 0.0127, usd: 0.00176389 },
  unpricedModels: [],
}

describe('usageText', () => {
  it('says nothing for a run that called no model', () => {
    expect(usageText(undefined, 'zh-CN')).toBeUndefined()
    expect(usageText({ ...usage, promptTokens: 0, completionTokens: 0 }, 'zh-CN')).toBeUndefined()
  })

  it('groups token counts for the language and shows thinking only when there was some', () => {
    expect(usageText(usage, 'en')).toEqual({
      total: '4,656',
      prompt: '1,200',
      completion: '3,456',
      reasoning: undefined,
      cny: '¥0.0127',
      usd: '$0.00176',
      unpriced: [],
    })
    expect(usageText({ ...usage, reasoningTokens: 900 }, 'zh-CN')?.reasoning).toBe('900')
  })

  it('still speaks up when every call was to an unpriced model', () => {
    const text = usageText({ ...usage, cost: { cny: 0, usd: 0 }, unpricedModels: ['qwen3:8b'] }, 'zh-CN')
    expect(text).toMatchObject({ cny: '¥0', unpriced: ['qwen3:8b'] })
  })
})

describe('money', () => {
  it('keeps three significant digits below one unit and cents above', () => {
    expect(money(0.000012345, 'en')).toBe('0.0000123')
    expect(money(0.5, 'en')).toBe('0.5')
    expect(money(12.3456, 'en')).toBe('12.35')
    expect(money(1234.5, 'zh-CN')).toBe('1,234.50')
  })
})

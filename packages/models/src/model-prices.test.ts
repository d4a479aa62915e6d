import { describe, expect, it } from 'vitest'
import { CNY_PER_USD, completePrice, costOf, defaultModelPrices } from './model-prices.ts'

describe('completePrice', () => {
  it('keeps both currencies when both are given', () => {
    const given = { cny: { input: 2, output: 3 }, usd: { input: 0.28, output: 0.42 } }
    expect(completePrice(given)).toEqual(given)
  })

  it('converts the missing currency at CNY_PER_USD, to eight decimals', () => {
    expect(CNY_PER_USD).toBe(7.2)
    expect(completePrice({ cny: { input: 1, output: 7.2 } })).toEqual({
      cny: { input: 1, output: 7.2 },
      usd: { input: 0.13888889, output: 1 },
    })
    expect(completePrice({ usd: { input: 0.15, output: 0.6 } })).toEqual({
      cny: { input: 1.08, output: 4.32 },
      usd: { input: 0.15, output: 0.6 },
    })
  })

  it('refuses a price in no currency at all', () => {
    expect(() => completePrice({})).toThrow(RangeError)
  })
})

describe('costOf', () => {
  it('charges prompt and completion tokens per million, and nothing for an unpriced model', () => {
    const usage = { promptTokens: 1_000, completionTokens: 500, reasoningTokens: 200 }
    expect(costOf(usage, defaultModelPrices['deepseek-chat'])).toEqual({ cny: 0.0035, usd: 0.00049 })
    expect(costOf(usage, undefined)).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { type PriceDraft, priceFromDraft } from './price-draft.ts'

const draft = (fields: Partial<PriceDraft>): PriceDraft => ({
  model: 'deepseek-chat',
  cnyInput: '',
  cnyOutput: '',
  usdInput: '',
  usdOutput: '',
  ...fields,
})

describe('priceFromDraft', () => {
  it('sends the currencies whose two boxes are filled, and leaves the other to the server', () => {
    expect(priceFromDraft(draft({ cnyInput: '2', cnyOutput: ' 3 ' }))).toEqual({
      ok: true,
      price: { model: 'deepseek-chat', cny: { input: 2, output: 3 } },
    })
    expect(
      priceFromDraft(draft({ cnyInput: '2', cnyOutput: '3', usdInput: '0.28', usdOutput: '0.42' })),
    ).toEqual({
      ok: true,
      price: { model: 'deepseek-chat', cny: { input: 2, output: 3 }, usd: { input: 0.28, output: 0.42 } },
    })
  })

  it('names what is wrong: no model, half a pair, not a number, no price at all', () => {
    expect(priceFromDraft(draft({ model: ' ', cnyInput: '1', cnyOutput: '1' }))).toEqual({
      ok: false,
      problem: 'model',
    })
    expect(priceFromDraft(draft({ cnyInput: '1' }))).toEqual({ ok: false, problem: 'pair' })
    expect(priceFromDraft(draft({ usdInput: 'abc', usdOutput: '1' }))).toEqual({
      ok: false,
      problem: 'number',
    })
    expect(priceFromDraft(draft({ cnyInput: '-1', cnyOutput: '1' }))).toEqual({
      ok: false,
      problem: 'number',
    })
    expect(priceFromDraft(draft({}))).toEqual({ ok: false, problem: 'none' })
  })
})

import { describe, expect, it } from 'vitest'
import { type PriceDraft, priceFromDraft } from './price-draft.ts'

const draft = (fields: Partial<PriceDraft>): PriceDraft => ({
  model: 'deepseek-chat',
  cnyInput: '',
  cnyOutput: '',
  cnyImage: '',
  usdInput: '',
  usdOutput: '',
  usdImage: '',
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

  it('takes a price per picture alone, the tokens then costing nothing', () => {
    expect(priceFromDraft(draft({ cnyImage: '0.259' }))).toEqual({
      ok: true,
      price: { model: 'deepseek-chat', cny: { input: 0, output: 0, image: 0.259 } },
    })
    expect(priceFromDraft(draft({ usdInput: '5', usdOutput: '40', usdImage: '0.01' }))).toEqual({
      ok: true,
      price: { model: 'deepseek-chat', usd: { input: 5, output: 40, image: 0.01 } },
    })
    expect(priceFromDraft(draft({ cnyImage: 'x' }))).toEqual({ ok: false, problem: 'number' })
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

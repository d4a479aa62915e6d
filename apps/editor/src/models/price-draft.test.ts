import { describe, expect, it } from 'vitest'
import {
  type CurrencyDraft,
  currencyDraft,
  emptyCurrency,
  type PriceDraft,
  priceFromDraft,
} from './price-draft.ts'

const draft = (
  cny: Partial<CurrencyDraft> = {},
  usd: Partial<CurrencyDraft> = {},
  model = 'deepseek-chat',
): PriceDraft => ({
  model,
  cny: { ...emptyCurrency(), ...cny },
  usd: { ...emptyCurrency(), ...usd },
})

describe('priceFromDraft', () => {
  it('sends the currencies whose two token boxes are filled, and leaves the other to the server', () => {
    expect(priceFromDraft(draft({ input: '2', output: ' 3 ' }))).toEqual({
      ok: true,
      price: { model: 'deepseek-chat', cny: { input: 2, output: 3 } },
    })
    expect(priceFromDraft(draft({ input: '2', output: '3' }, { input: '0.28', output: '0.42' }))).toEqual({
      ok: true,
      price: { model: 'deepseek-chat', cny: { input: 2, output: 3 }, usd: { input: 0.28, output: 0.42 } },
    })
  })

  it('takes a media unit alone, the tokens then costing nothing', () => {
    expect(priceFromDraft(draft({ image: '0.259' }))).toEqual({
      ok: true,
      price: { model: 'deepseek-chat', cny: { input: 0, output: 0, image: 0.259 } },
    })
    expect(priceFromDraft(draft({}, { speechMillionChars: '15', audioMinute: '0.006' }))).toEqual({
      ok: true,
      price: {
        model: 'deepseek-chat',
        usd: { input: 0, output: 0, speechMillionChars: 15, audioMinute: 0.006 },
      },
    })
    expect(priceFromDraft(draft({ audioMinute: 'x' }))).toEqual({ ok: false, problem: 'number' })
  })

  it('names what is wrong: no model, half a pair, not a number, no price at all', () => {
    expect(priceFromDraft(draft({ input: '1', output: '1' }, {}, ' '))).toEqual({
      ok: false,
      problem: 'model',
    })
    expect(priceFromDraft(draft({ input: '1' }))).toEqual({ ok: false, problem: 'pair' })
    expect(priceFromDraft(draft({}, { input: 'abc', output: '1' }))).toEqual({ ok: false, problem: 'number' })
    expect(priceFromDraft(draft({ input: '-1', output: '1' }))).toEqual({ ok: false, problem: 'number' })
    expect(priceFromDraft(draft())).toEqual({ ok: false, problem: 'none' })
  })
})

describe('currencyDraft', () => {
  it('fills the boxes from a price, units included, and is empty for none', () => {
    expect(currencyDraft({ input: 0, output: 0, image: 0.259 })).toEqual({
      ...emptyCurrency(),
      input: '0',
      output: '0',
      image: '0.259',
    })
    expect(currencyDraft(undefined)).toEqual(emptyCurrency())
  })
})

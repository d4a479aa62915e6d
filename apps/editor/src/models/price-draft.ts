import { MEDIA_UNITS, type MediaUnit, type NewModelPrice, type TokenPrice } from '../api/model-prices-api.ts'

/** One currency of the price form as typed: text boxes, any of which may be empty. */
export type CurrencyDraft = { input: string; output: string } & Record<MediaUnit, string>

/** The price form as typed. */
export interface PriceDraft {
  model: string
  cny: CurrencyDraft
  usd: CurrencyDraft
}

export type DraftProblem = 'model' | 'number' | 'pair' | 'none'

export function emptyCurrency(): CurrencyDraft {
  return { input: '', output: '', image: '', speechMillionChars: '', audioMinute: '' }
}

/** The form for `price` (empty when there is none yet); prices print as typed, with no thousands separators. */
export function currencyDraft(price: TokenPrice | undefined): CurrencyDraft {
  if (!price) return emptyCurrency()
  const draft = { ...emptyCurrency(), input: `${price.input}`, output: `${price.output}` }
  for (const unit of MEDIA_UNITS) if (price[unit] !== undefined) draft[unit] = `${price[unit]}`
  return draft
}

/**
 * What the form means: a currency counts when both its token boxes are filled or one of its media units is (tokens
 * then cost nothing), and one currency is enough (the server converts the other). Refused here with a reason a
 * person can act on, before anything is sent.
 */
export function priceFromDraft(
  draft: PriceDraft,
): { ok: true; price: NewModelPrice } | { ok: false; problem: DraftProblem } {
  const model = draft.model.trim()
  if (!model) return { ok: false, problem: 'model' }
  const cny = currency(draft.cny)
  const usd = currency(draft.usd)
  if (cny === 'invalid' || usd === 'invalid') return { ok: false, problem: 'number' }
  if (cny === 'half' || usd === 'half') return { ok: false, problem: 'pair' }
  if (!cny && !usd) return { ok: false, problem: 'none' }
  return { ok: true, price: { model, ...(cny ? { cny } : {}), ...(usd ? { usd } : {}) } }
}

function currency(draft: CurrencyDraft): TokenPrice | 'half' | 'invalid' | undefined {
  const input = draft.input.trim()
  const output = draft.output.trim()
  const units = MEDIA_UNITS.filter((unit) => draft[unit].trim() !== '')
  if (Boolean(input) !== Boolean(output)) return 'half'
  if (!input && units.length === 0) return undefined
  // Empty token boxes beside a media unit mean the tokens cost nothing.
  const typed: [keyof TokenPrice, string][] = [
    ['input', input || '0'],
    ['output', output || '0'],
    ...units.map((unit): [MediaUnit, string] => [unit, draft[unit].trim()]),
  ]
  const price: TokenPrice = { input: 0, output: 0 }
  for (const [key, text] of typed) {
    const value = Number(text)
    if (!Number.isFinite(value) || value < 0) return 'invalid'
    price[key] = value
  }
  return price
}

import type { NewModelPrice, TokenPrice } from '../api/model-prices-api.ts'

/** The price form as typed: text boxes, any of which may be empty. */
export interface PriceDraft {
  model: string
  cnyInput: string
  cnyOutput: string
  /** Per picture, for image models; may be the only box of a currency that is filled. */
  cnyImage: string
  usdInput: string
  usdOutput: string
  usdImage: string
}

export type DraftProblem = 'model' | 'number' | 'pair' | 'none'

/**
 * What the form means: a currency counts when both its token boxes are filled or its picture box is (tokens then
 * cost nothing), and one currency is enough (the server converts the other). Refused here with a reason a person can
 * act on, before anything is sent.
 */
export function priceFromDraft(
  draft: PriceDraft,
): { ok: true; price: NewModelPrice } | { ok: false; problem: DraftProblem } {
  const model = draft.model.trim()
  if (!model) return { ok: false, problem: 'model' }
  const cny = currency(draft.cnyInput, draft.cnyOutput, draft.cnyImage)
  const usd = currency(draft.usdInput, draft.usdOutput, draft.usdImage)
  if (cny === 'invalid' || usd === 'invalid') return { ok: false, problem: 'number' }
  if (cny === 'half' || usd === 'half') return { ok: false, problem: 'pair' }
  if (!cny && !usd) return { ok: false, problem: 'none' }
  return { ok: true, price: { model, ...(cny ? { cny } : {}), ...(usd ? { usd } : {}) } }
}

function currency(input: string, output: string, image: string): TokenPrice | 'half' | 'invalid' | undefined {
  const [a, b, c] = [input.trim(), output.trim(), image.trim()]
  if (Boolean(a) !== Boolean(b)) return 'half'
  if (!a && !b && !c) return undefined
  const values = [a || '0', b || '0', c || '0'].map(Number)
  if (values.some((v) => !Number.isFinite(v) || v < 0)) return 'invalid'
  const [inputPrice = 0, outputPrice = 0, imagePrice = 0] = values
  return { input: inputPrice, output: outputPrice, ...(c ? { image: imagePrice } : {}) }
}

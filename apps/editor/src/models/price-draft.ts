import type { NewModelPrice, TokenPrice } from '../api/model-prices-api.ts'

/** The price form as typed: text boxes, any of which may be empty. */
export interface PriceDraft {
  model: string
  cnyInput: string
  cnyOutput: string
  usdInput: string
  usdOutput: string
}

export type DraftProblem = 'model' | 'number' | 'pair' | 'none'

/**
 * What the form means: a currency counts when both its boxes are filled, and one is enough (the server converts the
 * other). Refused here with a reason a person can act on, before anything is sent.
 */
export function priceFromDraft(
  draft: PriceDraft,
): { ok: true; price: NewModelPrice } | { ok: false; problem: DraftProblem } {
  const model = draft.model.trim()
  if (!model) return { ok: false, problem: 'model' }
  const cny = pair(draft.cnyInput, draft.cnyOutput)
  const usd = pair(draft.usdInput, draft.usdOutput)
  if (cny === 'invalid' || usd === 'invalid') return { ok: false, problem: 'number' }
  if (cny === 'half' || usd === 'half') return { ok: false, problem: 'pair' }
  if (!cny && !usd) return { ok: false, problem: 'none' }
  return { ok: true, price: { model, ...(cny ? { cny } : {}), ...(usd ? { usd } : {}) } }
}

function pair(input: string, output: string): TokenPrice | 'half' | 'invalid' | undefined {
  const a = input.trim()
  const b = output.trim()
  if (!a && !b) return undefined
  if (!a || !b) return 'half'
  const values = [Number(a), Number(b)]
  if (values.some((v) => !Number.isFinite(v) || v < 0)) return 'invalid'
  return { input: values[0] as number, output: values[1] as number }
}

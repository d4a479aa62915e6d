import type { Locale } from '@zhiliu/nodes'
import type { RunUsage } from '../api/runs-api.ts'

/** The figures of a run's usage line, formatted for `locale`; undefined when the run called no model. */
export interface UsageText {
  total: string
  prompt: string
  completion: string
  /** Undefined when the models did no visible thinking. */
  reasoning: string | undefined
  /** With its sign: ¥0.0127. */
  cny: string
  usd: string
  unpriced: string[]
}

export function usageText(usage: RunUsage | undefined, locale: Locale): UsageText | undefined {
  if (!usage) return undefined
  const total = usage.promptTokens + usage.completionTokens
  if (total === 0 && usage.unpricedModels.length === 0) return undefined
  const count = new Intl.NumberFormat(locale)
  return {
    total: count.format(total),
    prompt: count.format(usage.promptTokens),
    completion: count.format(usage.completionTokens),
    reasoning: usage.reasoningTokens > 0 ? count.format(usage.reasoningTokens) : undefined,
    cny: `¥${money(usage.cost.cny, locale)}`,
    usd: `$${money(usage.cost.usd, locale)}`,
    unpriced: usage.unpricedModels,
  }
}

/**
 * One call costs fractions of a fen: below one unit, three significant digits (0.00352) say more than two decimals
 * (0.00); from one unit up, cents are enough.
 */
export function money(value: number, locale: Locale): string {
  if (value === 0) return '0'
  const options: Intl.NumberFormatOptions =
    value < 1 ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: 2, minimumFractionDigits: 2 }
  return new Intl.NumberFormat(locale, options).format(value)
}

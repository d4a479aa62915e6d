import type { ChatUsage, ModelCost } from '@zhiliu/nodes'
import { z } from 'zod'

const PerMillion = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() })

/** Prices per million tokens in both currencies; reasoning tokens are billed as output, as providers do. */
export const ModelPrice = z.object({ cny: PerMillion, usd: PerMillion })
export type ModelPrice = z.infer<typeof ModelPrice>

/** Keyed by model id, as the provider names it. The server lays the prices an owner set over this table. */
export const ModelPrices = z.record(z.string(), ModelPrice)
export type ModelPrices = z.infer<typeof ModelPrices>

/** Where a price is known in one currency only, the other is converted at this rate. */
export const CNY_PER_USD = 7.2

type PerMillion = z.infer<typeof PerMillion>

/** A price given in one currency or both; a missing one is converted from the other at CNY_PER_USD. */
export function completePrice(given: {
  cny?: PerMillion | undefined
  usd?: PerMillion | undefined
}): ModelPrice {
  const convert = (p: PerMillion, factor: number) => ({
    input: round(p.input * factor),
    output: round(p.output * factor),
  })
  const { cny, usd } = given
  if (cny && usd) return { cny, usd }
  if (cny) return { cny, usd: convert(cny, 1 / CNY_PER_USD) }
  if (usd) return { cny: convert(usd, CNY_PER_USD), usd }
  throw new RangeError('a price needs at least one currency')
}

const cny = (input: number, output: number) => completePrice({ cny: { input, output } })
const usd = (input: number, output: number) => completePrice({ usd: { input, output } })
const free: ModelPrice = { cny: { input: 0, output: 0 }, usd: { input: 0, output: 0 } }

/**
 * List prices (standard tier, no cache discount) as published in 2025. They change: treat them as a starting point,
 * check the provider's price page, and correct them in the editor's settings (模型价格).
 */
export const defaultModelPrices: ModelPrices = {
  'gpt-4o-mini': usd(0.15, 0.6),
  'gpt-4o': usd(2.5, 10),
  'gpt-4.1-mini': usd(0.4, 1.6),
  'gpt-4.1': usd(2, 8),
  'o4-mini': usd(1.1, 4.4),
  'deepseek-chat': { cny: { input: 2, output: 3 }, usd: { input: 0.28, output: 0.42 } },
  'deepseek-reasoner': { cny: { input: 2, output: 3 }, usd: { input: 0.28, output: 0.42 } },
  'qwen-plus': cny(0.8, 2),
  'qwen-max': cny(2.4, 9.6),
  'qwen-turbo': cny(0.3, 0.6),
  'qwen-vl-plus': cny(1.5, 4.5),
  'qwq-plus': cny(1.6, 4),
  'kimi-k2-0905-preview': cny(4, 16),
  'moonshot-v1-8k': cny(2, 10),
  'moonshot-v1-32k': cny(5, 20),
  'glm-4.5': cny(4, 16),
  'glm-4.5-air': cny(0.8, 2),
  'glm-4-flash': free,
  'glm-4v-flash': free,
  'doubao-seed-1-6-250615': cny(0.8, 8),
  'doubao-1-5-pro-32k-250115': cny(0.8, 2),
  'doubao-1-5-lite-32k-250115': cny(0.3, 0.6),
  'deepseek-ai/DeepSeek-V3': cny(2, 8),
  'deepseek-ai/DeepSeek-R1': cny(4, 16),
  'Qwen/Qwen2.5-7B-Instruct': free,
  'Qwen/Qwen3-8B': free,
  'demo-chat': free,
  'demo-reasoner': free,
}

/** What a call cost, or undefined when the model has no price (a local or newly released model). */
export function costOf(usage: ChatUsage, price: ModelPrice | undefined): ModelCost | undefined {
  if (!price) return undefined
  const of = (p: { input: number; output: number }) =>
    round((usage.promptTokens * p.input + usage.completionTokens * p.output) / 1_000_000)
  return { cny: of(price.cny), usd: of(price.usd) }
}

/** Costs of single calls are fractions of a cent; eight decimals keep sums exact enough without float noise. */
function round(value: number): number {
  return Math.round(value * 1e8) / 1e8
}

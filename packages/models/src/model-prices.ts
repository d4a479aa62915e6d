import type { ChatUsage, ModelCost } from '@zhiliu/nodes'
import { z } from 'zod'

// A ceiling far above any real price: it only catches a slip of the keyboard (a price per token typed per million).
const amount = z.number().nonnegative().max(100_000)

/** One currency's prices: tokens per million, and the unit a media model is billed by, if any. */
export const CurrencyPrice = z.object({
  input: amount.describe('Per million prompt tokens'),
  output: amount.describe('Per million completion tokens (reasoning included)'),
  image: amount
    .optional()
    .describe('Per generated image, for image models billed by the picture (Seedream, DALL·E)'),
  speechMillionChars: amount
    .optional()
    .describe('Per million characters read out, for speech models (tts-1)'),
  audioMinute: amount
    .optional()
    .describe('Per minute of audio transcribed, for transcription models billed by length (whisper-1)'),
})
type PerMillion = z.infer<typeof CurrencyPrice>

/** Prices per million tokens in both currencies; reasoning tokens are billed as output, as providers do. */
export const ModelPrice = z.object({ cny: CurrencyPrice, usd: CurrencyPrice })
export type ModelPrice = z.infer<typeof ModelPrice>

/** Keyed by model id, as the provider names it. The server lays the prices an owner set over this table. */
export const ModelPrices = z.record(z.string(), ModelPrice)
export type ModelPrices = z.infer<typeof ModelPrices>

/** Where a price is known in one currency only, the other is converted at this rate. */
export const CNY_PER_USD = 7.2

/** A price given in one currency or both; a missing one is converted from the other at CNY_PER_USD. */
export function completePrice(given: {
  cny?: PerMillion | undefined
  usd?: PerMillion | undefined
}): ModelPrice {
  const convert = (p: PerMillion, factor: number): PerMillion => ({
    input: round(p.input * factor),
    output: round(p.output * factor),
    ...(p.image === undefined ? {} : { image: round(p.image * factor) }),
    ...(p.speechMillionChars === undefined
      ? {}
      : { speechMillionChars: round(p.speechMillionChars * factor) }),
    ...(p.audioMinute === undefined ? {} : { audioMinute: round(p.audioMinute * factor) }),
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
const freeImages: ModelPrice = {
  cny: { input: 0, output: 0, image: 0 },
  usd: { input: 0, output: 0, image: 0 },
}
const perImage = (yuan: number) => completePrice({ cny: { input: 0, output: 0, image: yuan } })

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
  // Images: gpt-image-1 is billed by tokens (text in, image tokens out), the others by the picture.
  'gpt-image-1': usd(5, 40),
  'dall-e-3': completePrice({ usd: { input: 0, output: 0, image: 0.04 } }),
  'doubao-seedream-3-0-t2i-250415': perImage(0.259),
  'cogview-3-flash': freeImages,
  'Kwai-Kolors/Kolors': freeImages,
  'demo-image': freeImages,
  // Audio: speech by the characters read out, transcription by the minute (or by tokens, for gpt-4o models).
  'tts-1': completePrice({ usd: { input: 0, output: 0, speechMillionChars: 15 } }),
  'tts-1-hd': completePrice({ usd: { input: 0, output: 0, speechMillionChars: 30 } }),
  'whisper-1': completePrice({ usd: { input: 0, output: 0, audioMinute: 0.006 } }),
  'FunAudioLLM/SenseVoiceSmall': {
    cny: { ...free.cny, audioMinute: 0 },
    usd: { ...free.usd, audioMinute: 0 },
  },
  'demo-speech': { cny: { ...free.cny, speechMillionChars: 0 }, usd: { ...free.usd, speechMillionChars: 0 } },
  'demo-transcribe': { cny: { ...free.cny, audioMinute: 0 }, usd: { ...free.usd, audioMinute: 0 } },
}

/** What a media call made, besides tokens: pictures drawn, characters read out, seconds of audio transcribed. */
export interface MediaAmounts {
  images?: number
  speechChars?: number
  audioSeconds?: number
}

/**
 * What a call cost, or undefined when the model has no price (a local or newly released model). Tokens are charged
 * by the token prices, and a media call's amounts by the model's per-unit prices; an amount the model has no unit
 * price for costs nothing beyond its tokens.
 */
export function costOf(
  usage: ChatUsage,
  price: ModelPrice | undefined,
  media: MediaAmounts = {},
): ModelCost | undefined {
  if (!price) return undefined
  const of = (p: PerMillion) =>
    round(
      (usage.promptTokens * p.input + usage.completionTokens * p.output) / 1_000_000 +
        (media.images ?? 0) * (p.image ?? 0) +
        ((media.speechChars ?? 0) * (p.speechMillionChars ?? 0)) / 1_000_000 +
        ((media.audioSeconds ?? 0) / 60) * (p.audioMinute ?? 0),
    )
  return { cny: of(price.cny), usd: of(price.usd) }
}

/** Costs of single calls are fractions of a cent; eight decimals keep sums exact enough without float noise. */
function round(value: number): number {
  return Math.round(value * 1e8) / 1e8
}

import { describe, expect, it } from 'vitest'
import type { ModelPriceRecord } from '../rows.ts'
import type { ContractContext } from './contract-context.ts'

export function describeModelPrices(ctx: ContractContext): void {
  describe('model prices', () => {
    const price = (model: string, updatedBy: string | null, cnyInput = 2): ModelPriceRecord => ({
      model,
      cny: { input: cnyInput, output: 3 },
      usd: { input: 0.28, output: 0.42 },
      updatedAt: 1_000,
      updatedBy,
    })

    it('keeps fractional prices exactly and lists them by model name', async () => {
      const { user } = await ctx.user('owner')
      await ctx.store().setModelPrice(price('qwen-plus', user.id, 0.8))
      await ctx.store().setModelPrice(price('deepseek-ai/DeepSeek-V3', null, 0.0000125))
      expect(await ctx.store().listModelPrices()).toEqual([
        price('deepseek-ai/DeepSeek-V3', null, 0.0000125),
        price('qwen-plus', user.id, 0.8),
      ])
    })

    it('keeps the prices per character read out and per minute transcribed', async () => {
      const audio = {
        ...price('whisper-1', null, 0),
        cny: { input: 0, output: 0, audioMinute: 0.0432, speechMillionChars: 108 },
        usd: { input: 0, output: 0, audioMinute: 0.006, speechMillionChars: 15 },
      }
      await ctx.store().setModelPrice(audio)
      expect(await ctx.store().listModelPrices()).toEqual([audio])
    })

    it('keeps a per-picture price beside the token prices', async () => {
      const painter = {
        ...price('doubao-seedream-3-0-t2i-250415', null, 0),
        cny: { input: 0, output: 0, image: 0.259 },
        usd: { input: 0, output: 0, image: 0.03597222 },
      }
      await ctx.store().setModelPrice(painter)
      expect(await ctx.store().listModelPrices()).toEqual([painter])
    })

    it('replaces the price set before for the same model', async () => {
      const { user } = await ctx.user('owner')
      await ctx.store().setModelPrice(price('deepseek-chat', user.id, 2))
      await ctx.store().setModelPrice({ ...price('deepseek-chat', null, 4), updatedAt: 2_000 })
      expect(await ctx.store().listModelPrices()).toEqual([
        { ...price('deepseek-chat', null, 4), updatedAt: 2_000 },
      ])
    })

    it('deletes one model and says whether there was anything to delete', async () => {
      await ctx.store().setModelPrice(price('glm-4.5', null))
      await ctx.store().setModelPrice(price('glm-4.5-air', null))
      expect(await ctx.store().deleteModelPrice('glm-4.5')).toBe(true)
      expect(await ctx.store().deleteModelPrice('glm-4.5')).toBe(false)
      expect((await ctx.store().listModelPrices()).map((p) => p.model)).toEqual(['glm-4.5-air'])
    })
  })
}

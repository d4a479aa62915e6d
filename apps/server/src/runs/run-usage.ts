import { z } from '@hono/zod-openapi'
import type { NodeResult } from '@zhiliu/engine'

export const RunUsageView = z
  .object({
    promptTokens: z.number().int(),
    completionTokens: z
      .number()
      .int()
      .openapi({ description: 'Includes the reasoning tokens, as providers bill them' }),
    reasoningTokens: z.number().int(),
    cost: z.object({ cny: z.number(), usd: z.number() }),
    unpricedModels: z
      .array(z.string())
      .openapi({ description: 'Models with no price in the table: their calls are not in `cost`' }),
  })
  .openapi('RunUsage')
export type RunUsageView = z.infer<typeof RunUsageView>

/** What an AI node's output reports (`modelOutputFields` in the nodes); anything else is not a model call. */
const Reported = z.object({
  model: z.string().optional(),
  usage: z.object({
    promptTokens: z.number(),
    completionTokens: z.number(),
    reasoningTokens: z.number().optional(),
  }),
  cost: z.object({ cny: z.number(), usd: z.number() }).optional(),
})

/**
 * A run's model usage, summed from its recorded node results, so it is the same for a live run, a finished one and
 * one read back after a restart. Only each output's own top level counts: a loop body's results are recorded one by
 * one, so looking inside the loop's collected `results` would count them twice. Calls of failed attempts left no
 * output and are not included.
 */
export function sumRunUsage(results: readonly NodeResult[]): RunUsageView {
  const sum = { promptTokens: 0, completionTokens: 0, reasoningTokens: 0, cny: 0, usd: 0 }
  const unpriced = new Set<string>()
  for (const result of results) {
    const reported = Reported.safeParse(result.output)
    if (!reported.success) continue
    const { usage, cost, model } = reported.data
    sum.promptTokens += usage.promptTokens
    sum.completionTokens += usage.completionTokens
    sum.reasoningTokens += usage.reasoningTokens ?? 0
    if (cost) {
      sum.cny += cost.cny
      sum.usd += cost.usd
    } else if (model) unpriced.add(model)
  }
  return {
    promptTokens: sum.promptTokens,
    completionTokens: sum.completionTokens,
    reasoningTokens: sum.reasoningTokens,
    cost: { cny: round(sum.cny), usd: round(sum.usd) },
    unpricedModels: [...unpriced].sort(),
  }
}

/** Call costs are fractions of a cent; eight decimals, as the price table keeps them, hide float noise. */
function round(value: number): number {
  return Math.round(value * 1e8) / 1e8
}

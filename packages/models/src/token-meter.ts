import { type ChatUsage, type ModelCost, NodeError } from '@zhiliu/nodes'

export interface TokenBudget {
  /** Prompt plus completion tokens the whole run may use. */
  maxTokens: number
  /** Tokens the run used before this gateway existed: a run resumed after a restart keeps its earlier spending. */
  usedBefore?: number
}

/** A run's model usage so far: what the run details show and what the budget is checked against. */
export interface RunUsage {
  calls: number
  promptTokens: number
  completionTokens: number
  reasoningTokens: number
  cost: ModelCost
}

export interface TokenMeter {
  /** Refuses a call once the budget is spent, before any money is. */
  check(where: string): void
  /** Counts a call's usage; throws when it took the run over budget, so that answer is not used. */
  add(usage: ChatUsage, cost: ModelCost | undefined, where: string): void
  totals(): RunUsage
}

export function createTokenMeter(budget: TokenBudget | undefined): TokenMeter {
  const totals: RunUsage = {
    calls: 0,
    promptTokens: 0,
    completionTokens: 0,
    reasoningTokens: 0,
    cost: { cny: 0, usd: 0 },
  }
  const used = () => (budget?.usedBefore ?? 0) + totals.promptTokens + totals.completionTokens
  const exceeded = (where: string) => {
    const max = budget?.maxTokens ?? 0
    return new NodeError(
      'TOKEN_BUDGET_EXCEEDED',
      `This run has used ${used().toLocaleString('en')} tokens, more than its budget of ${max.toLocaleString('en')} ` +
        `(last call: ${where}). The run was stopped; raise the token budget in the flow settings or shorten the prompts.`,
      { details: { usedTokens: used(), maxTokens: max } },
    )
  }
  return {
    check(where) {
      if (budget && used() >= budget.maxTokens) throw exceeded(where)
    },
    add(usage, cost, where) {
      totals.calls++
      totals.promptTokens += usage.promptTokens
      totals.completionTokens += usage.completionTokens
      totals.reasoningTokens += usage.reasoningTokens ?? 0
      if (cost) totals.cost = { cny: totals.cost.cny + cost.cny, usd: totals.cost.usd + cost.usd }
      if (budget && used() > budget.maxTokens) throw exceeded(where)
    },
    totals: () => structuredClone(totals),
  }
}

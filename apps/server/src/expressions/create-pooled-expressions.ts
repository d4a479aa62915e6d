import {
  EXPRESSION_LIMITS,
  type ExpressionEvaluator,
  evaluateExpression,
  isTimeLimit,
  TEMPLATE_LIMITS,
} from '@zhiliu/nodes'
import type { ExpressionPool } from './create-expression-pool.ts'

/**
 * Milliseconds an expression or template may run on the event loop before it is handed to the pool. Nearly every
 * real expression finishes in microseconds; what runs longer pays this once, then a worker round trip.
 */
export const DEFAULT_BUDGET_MS = 5

/**
 * The server's evaluator: each evaluation first runs here with the time limit cut to `budgetMs` (same depth, size
 * and regex rules), keeping its in-thread speed; only one that hits that cut runs again in the pool with its full
 * limit, so a bomb holds the event loop for the budget at most. See docs/design.md for the measurements behind it.
 */
export function createPooledExpressions(
  pool: ExpressionPool,
  budgetMs: number = DEFAULT_BUDGET_MS,
): ExpressionEvaluator {
  return {
    async evaluate(expression, input, options = {}, abort) {
      const timeoutMs = options.timeoutMs ?? EXPRESSION_LIMITS.timeoutMs
      if (timeoutMs <= budgetMs) return evaluateExpression(expression, input, options)
      try {
        return await evaluateExpression(expression, input, { ...options, timeoutMs: budgetMs })
      } catch (err) {
        if (!isTimeLimit(err)) throw err
      }
      const job = { kind: 'jsonata' as const, expression, input, options: { ...options, timeoutMs } }
      return pool.run(job, { timeoutMs, limitCode: 'EXPRESSION_LIMIT', abort })
    },
    templateBudgetMs: budgetMs,
    renderTemplate(source, scope, abort) {
      const limits = { timeoutMs: TEMPLATE_LIMITS.renderMs, limitCode: 'TEMPLATE_LIMIT', abort }
      return pool.run({ kind: 'template', source, scope }, limits)
    },
  }
}

import { ExpressionError } from '../errors.ts'
import { TEMPLATE_LIMITS } from '../template/liquid-engine.ts'
import { renderTemplate, type TemplateScope } from '../template/render-template.ts'
import { type ExpressionOptions, evaluateExpression } from './evaluate-expression.ts'
import { evaluateQuickly, NOT_QUICK } from './evaluate-quickly.ts'

/**
 * Anything holding an AbortSignal, read only when an evaluation leaves the calling thread: the node context (and the
 * engine's cancel scope) make their signal on first read, and most evaluations never need it.
 */
export interface SignalSource {
  readonly signal: AbortSignal
}

/**
 * How JSONata expressions and over-budget Liquid templates are evaluated. Nodes reach it as `ctx.expressions`, the
 * engine for config templates through its run services. The default (`inThreadExpressions`) evaluates everything on
 * the calling thread with the full limits, as the CLI, the editor and tests need. The server injects one that
 * evaluates on the thread only within a short budget and hands what exceeds it to a pool of worker threads, so that
 * an expression bomb costs a worker, not the event loop.
 */
export interface ExpressionEvaluator {
  /**
   * As `evaluateExpression`; rejects with ExpressionError. May answer with the value itself, not a promise, when it
   * evaluated synchronously (the small expressions of evaluate-quickly.ts): a caller that can go on synchronously
   * then does. Expression results are plain data, never a promise, so `instanceof Promise` tells the two apart.
   */
  evaluate(
    expression: string,
    input: unknown,
    options?: ExpressionOptions,
    abort?: SignalSource,
  ): unknown | Promise<unknown>
  /**
   * Milliseconds `source` may render on the calling thread; past that, `renderTemplate` renders it again. 0 sends it
   * straight there; the full render limit (TEMPLATE_LIMITS.renderMs) or more keeps it here whatever happens.
   */
  templateBudgetMs(source: string): number
  /** As `renderTemplate` with the full limits, for a template that ran past the budget; throws ExpressionError. */
  renderTemplate(source: string, scope: TemplateScope, abort?: SignalSource): Promise<unknown>
}

export const inThreadExpressions: ExpressionEvaluator = {
  evaluate(expression, input, options) {
    const quick = evaluateQuickly(expression, input, options)
    return quick === NOT_QUICK ? evaluateExpression(expression, input, options) : quick
  },
  templateBudgetMs: () => TEMPLATE_LIMITS.renderMs,
  renderTemplate: async (source, scope) => renderTemplate(source, scope),
}

/**
 * Whether an evaluation stopped at its time limit, and nothing else: JSONata's timeout (also inside `$eval`) or
 * Liquid's render limit. Only these are worth running again with a longer limit elsewhere; depth, size and memory
 * limits are the same everywhere.
 */
export function isTimeLimit(err: unknown): boolean {
  if (!(err instanceof ExpressionError)) return false
  const details = err.details as { jsonataCode?: unknown; limit?: unknown } | undefined
  if (err.code === 'EXPRESSION_LIMIT') return details?.jsonataCode === 'D1012'
  return err.code === 'TEMPLATE_LIMIT' && details?.limit === 'time'
}

import { compileExpression, EXPRESSION_LIMITS, type ExpressionLimits } from './compile-expression.ts'
import { answerQuickly, NOT_QUICK } from './evaluate-quickly.ts'
import { toExpressionError } from './expression-error.ts'
import { toPlainData } from './to-plain-data.ts'

export { EXPRESSION_LIMITS }

export interface ExpressionOptions {
  /** Variables the expression reads as `$name`, e.g. `{ trigger }` for `$trigger.body`. */
  bindings?: Record<string, unknown>
  /** Wall-clock budget, checked at every evaluation step. Default 1000 ms. */
  timeoutMs?: number
  /** Nesting of evaluation steps, which recursion deepens. Default 200 (about 60 levels of recursion). */
  maxDepth?: number
  /** Elements in any sequence, array or range built along the way. Default 100,000. */
  maxSequence?: number
}

const defaults = EXPRESSION_LIMITS

/**
 * Evaluates a JSONata expression against `input`, within time, depth and size limits, and returns plain data
 * (`undefined` when nothing matched). Regexes run on RE2, so no pattern can backtrack catastrophically. Throws
 * ExpressionError: EXPRESSION_SYNTAX (with position), EXPRESSION_LIMIT, EXPRESSION_ERROR (JSONata's message kept).
 *
 * Small expressions (`result + 1`, `$uppercase(title)`) take a synchronous fast path with JSONata's exact results
 * (simple-expression.ts); anything it does not cover, JSONata evaluates.
 *
 * Evaluation is asynchronous in form but runs in one go on the current thread (JSONata awaits only its own
 * promises), so the time limit is also how long it can hold that thread.
 */
export async function evaluateExpression(
  expression: string,
  input: unknown,
  options: ExpressionOptions = {},
): Promise<unknown> {
  const limits: ExpressionLimits = {
    timeoutMs: positive(options.timeoutMs, defaults.timeoutMs, 'timeoutMs'),
    maxDepth: positive(options.maxDepth, defaults.maxDepth, 'maxDepth'),
    maxSequence: positive(options.maxSequence, defaults.maxSequence, 'maxSequence'),
  }
  const quick = answerQuickly(expression, input, options.bindings)
  if (quick !== NOT_QUICK) return quick
  const expr = compileExpression(expression, limits)
  try {
    return toPlainData(await expr.evaluate(input, options.bindings))
  } catch (err) {
    throw toExpressionError(err)
  }
}

/** JSONata treats 0 as "no limit"; a limit must be a positive integer, or left out for the default. */
function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value <= 0)
    throw new RangeError(`${name} must be a positive integer, got ${value}`)
  return value
}

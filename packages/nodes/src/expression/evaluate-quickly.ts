import type jsonata from 'jsonata'
import { compileExpression, EXPRESSION_LIMITS } from './compile-expression.ts'
import type { ExpressionOptions } from './evaluate-expression.ts'
import { FALLBACK, simpleEvaluatorOf } from './simple-expression.ts'
import { toPlainData } from './to-plain-data.ts'

export { FALLBACK as NOT_QUICK } from './simple-expression.ts'

type Step = NonNullable<ReturnType<typeof simpleEvaluatorOf>>

// By source alone, which needs no key to be built: the fast path ignores the limits (its work is bounded by the
// expression's size), so every limit setting shares one entry. First in, first out: a plain Map lookup is what a
// chain of cheap nodes pays per node, and an evicted entry is only rebuilt from the compile cache.
const MAX_ENTRIES = 1_000
const MAX_SOURCE_LENGTH = 2_000
const steps = new Map<string, Step | null>()

/**
 * Evaluates `expression` synchronously when it is one of the small expressions simple-expression.ts answers exactly
 * as JSONata would, and returns NOT_QUICK otherwise (a syntax error included: the full path reports it), or when
 * `options` set a limit (the full path checks it is valid). Lets an evaluator skip its own bookkeeping (the
 * server's time budget, a promise) for the expressions most transforms are.
 */
export function evaluateQuickly(expression: string, input: unknown, options?: ExpressionOptions): unknown {
  if (options && (options.timeoutMs ?? options.maxDepth ?? options.maxSequence) !== undefined) return FALLBACK
  return answerQuickly(expression, input, options?.bindings)
}

/** evaluateQuickly for evaluateExpression, which has checked its limits already. */
export function answerQuickly(
  expression: string,
  input: unknown,
  bindings: Record<string, unknown> | undefined,
): unknown {
  const step = stepOf(expression)
  if (!step) return FALLBACK
  const value = step(input, bindings)
  return typeof value === 'object' && value !== null ? toPlainData(value) : value
}

function stepOf(expression: string): Step | null {
  let step = steps.get(expression)
  if (step !== undefined) return step
  step = expression.length > MAX_SOURCE_LENGTH ? null : compileSimple(expression)
  if (steps.size >= MAX_ENTRIES) steps.delete(steps.keys().next().value as string)
  steps.set(expression, step)
  return step
}

function compileSimple(expression: string): Step | null {
  let expr: jsonata.Expression
  try {
    expr = compileExpression(expression, EXPRESSION_LIMITS)
  } catch {
    return null
  }
  return simpleEvaluatorOf(expr)
}

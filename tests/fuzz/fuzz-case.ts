import { ExpressionError, evaluateExpression, renderTemplate } from '@zhiliu/nodes'
import { expressionInput, templateScope } from './fuzz-data.ts'

/** How one fuzz case ended. Only `value` and `typed` are acceptable. */
export type FuzzOutcome =
  | { kind: 'value' }
  /** An ExpressionError with a code from the documented set. */
  | { kind: 'typed'; code: string }
  /** Anything else thrown, or a typed error whose code is not in the set. */
  | { kind: 'untyped'; error: unknown }
  /**
   * A typed error wrapping a JavaScript engine error (TypeError, ReferenceError, a RangeError that is not stack
   * or string exhaustion): the library broke on the input rather than refusing it, and the message is a stack
   * trace's, not one a person can act on.
   */
  | { kind: 'internal'; code: string; cause: Error }

export const EXPRESSION_CODES: ReadonlySet<string> = new Set([
  'EXPRESSION_SYNTAX',
  'EXPRESSION_LIMIT',
  'EXPRESSION_ERROR',
])
export const TEMPLATE_CODES: ReadonlySet<string> = new Set([
  'TEMPLATE_SYNTAX',
  'TEMPLATE_LIMIT',
  'TEMPLATE_ERROR',
  'TEMPLATE_REFERENCE',
])

/** Small limits keep every case short; the time limit is what a hang would run into. */
export const FUZZ_LIMITS = { timeoutMs: 50, maxDepth: 100, maxSequence: 1_000 } as const

export async function runExpressionCase(source: string): Promise<FuzzOutcome> {
  try {
    await evaluateExpression(source, expressionInput, {
      ...FUZZ_LIMITS,
      bindings: { input: expressionInput, trigger: { body: expressionInput } },
    })
    return { kind: 'value' }
  } catch (err) {
    return classify(err, EXPRESSION_CODES)
  }
}

export function runTemplateCase(source: string): FuzzOutcome {
  try {
    renderTemplate(source, templateScope)
    return { kind: 'value' }
  } catch (err) {
    return classify(err, TEMPLATE_CODES)
  }
}

function classify(err: unknown, codes: ReadonlySet<string>): FuzzOutcome {
  if (!(err instanceof ExpressionError) || !codes.has(err.code)) return { kind: 'untyped', error: err }
  const cause = engineError(err)
  return cause ? { kind: 'internal', code: err.code, cause } : { kind: 'typed', code: err.code }
}

const engineErrors = [TypeError, ReferenceError, SyntaxError, EvalError, URIError]

function engineError(err: Error): Error | undefined {
  const seen = new Set<unknown>()
  for (let cause: unknown = err.cause; cause && !seen.has(cause); cause = (cause as Error).cause) {
    seen.add(cause)
    if (engineErrors.some((type) => cause instanceof type)) return cause as Error
    if (cause instanceof RangeError && !/Maximum call stack|Invalid string length/.test(cause.message))
      return cause
    const original = (cause as { originalError?: unknown }).originalError
    if (original instanceof Error && engineErrors.some((type) => original instanceof type)) return original
  }
  return undefined
}

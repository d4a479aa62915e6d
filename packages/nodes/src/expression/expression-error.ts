import { ExpressionError } from '../errors.ts'

/** JSONata's codes for its own guards: depth, time, range size, sequence size. */
const limitCodes: ReadonlySet<string> = new Set(['D1011', 'D1012', 'D2014', 'D2015'])
/** `$eval` wraps the failure of the text it evaluated (D3120: did not parse, D3121: failed). */
const evalCodes: ReadonlySet<string> = new Set(['D3120', 'D3121'])

/** Stack overflows and JS string-length overflows are resource exhaustion, whatever the text meant. */
export function isExhaustion(err: unknown): err is RangeError {
  return err instanceof RangeError && /Maximum call stack|Invalid string length/.test(err.message)
}

/** JSONata throws plain objects, not Errors. */
interface JsonataFailure {
  code: string
  message?: string
  position?: number
  token?: string
  /** What JSONata expected instead, e.g. `]` in S0203 "Expected "]" before end of expression". */
  value?: unknown
  error?: unknown
}

function isJsonataFailure(err: unknown): err is JsonataFailure {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
}

/** Maps whatever JSONata threw to an ExpressionError with a stable code, keeping JSONata's message and position. */
export function toExpressionError(err: unknown): ExpressionError {
  if (err instanceof ExpressionError) return err
  if (isJsonataFailure(err)) {
    const { code, position, token, value } = err
    const message = err.message ?? code
    const details = { jsonataCode: code, position, token, ...(value === undefined ? {} : { value }) }
    if (evalCodes.has(code) && err.error !== undefined) {
      // A limit hit inside $eval is still that limit; anything else is a runtime error of the outer expression.
      const inner = toExpressionError(err.error)
      if (inner.code === 'EXPRESSION_LIMIT') return inner
    }
    if (limitCodes.has(code)) {
      return new ExpressionError('EXPRESSION_LIMIT', `Expression exceeded a limit: ${message}`, details, {
        cause: err,
      })
    }
    const at = position === undefined ? '' : ` at position ${position}`
    if (code.startsWith('S')) {
      return new ExpressionError('EXPRESSION_SYNTAX', `Expression syntax error${at}: ${message}`, details, {
        cause: err,
      })
    }
    return new ExpressionError('EXPRESSION_ERROR', `Expression failed${at}: ${message}`, details, {
      cause: err,
    })
  }
  if (isExhaustion(err)) {
    return new ExpressionError('EXPRESSION_LIMIT', `Expression exceeded a limit: ${err.message}`, undefined, {
      cause: err,
    })
  }
  // A JavaScript error from inside JSONata: the interpreter broke on this input (a transform of a string, a message
  // about a function value). Still the expression's failure, marked so that the fuzz and logs can tell it apart.
  const message = err instanceof Error ? err.message : String(err)
  const details = err instanceof Error ? { engineError: err.name } : undefined
  return new ExpressionError('EXPRESSION_ERROR', `Expression failed: ${message}`, details, { cause: err })
}

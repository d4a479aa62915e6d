import { LiquidError } from 'liquidjs'
import { ExpressionError } from '../errors.ts'
import { isExhaustion } from '../expression/expression-error.ts'

/** Liquid reports every exhausted budget through an assertion whose message ends like this. */
const limitMessage = /limit exceeded$/
/** …and the time budget (Liquid's Limiter named "template render") with this one. */
const timeLimitMessage = /^template render limit exceeded$/

/**
 * Maps whatever LiquidJS (or the engine under it) threw to an ExpressionError with a stable code. Stack overflows
 * (deeply nested tags) and JS string-length overflows count as limits too.
 */
export function toTemplateError(err: unknown): ExpressionError {
  if (err instanceof ExpressionError) return err
  const cause = LiquidError.is(err) ? (err.originalError ?? err) : err
  if (cause instanceof ExpressionError) return cause
  const position = LiquidError.is(err) ? positionOf(err) : undefined
  const where = position ? ` at line ${position.line}, column ${position.col}` : ''
  const reason = baseMessage(cause)

  if (isExhaustion(cause) || limitMessage.test(reason)) {
    // `limit: 'time'` tells a render that ran out of time (and may finish with a longer limit elsewhere) apart.
    const details = timeLimitMessage.test(reason) ? { ...position, limit: 'time' } : position
    return new ExpressionError('TEMPLATE_LIMIT', `Template exceeded a limit${where}: ${reason}`, details, {
      cause: err,
    })
  }
  if (LiquidError.is(err) && (err.name === 'ParseError' || err.name === 'TokenizationError')) {
    return new ExpressionError('TEMPLATE_SYNTAX', `Template syntax error${where}: ${reason}`, position, {
      cause: err,
    })
  }
  return new ExpressionError('TEMPLATE_ERROR', `Template failed${where}: ${reason}`, position, { cause: err })
}

function positionOf(err: LiquidError): { line: number; col: number } | undefined {
  const [line, col] = err.token?.getPosition() ?? []
  return line === undefined || col === undefined ? undefined : { line, col }
}

/** Liquid appends ", line:1, col:5" to its messages; the position is reported in our own words instead. */
function baseMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  return message.replace(/(, file:[^,]*)?, line:\d+, col:\d+$/, '')
}

/** The same error, naming the config field it came from: `fields[2].value: Template syntax error at …`. */
export function errorInField(err: unknown, field: string): unknown {
  if (!(err instanceof ExpressionError)) return err
  const details =
    typeof err.details === 'object' && err.details !== null ? { ...err.details, field } : { field }
  return new ExpressionError(err.code, `${field}: ${err.message}`, details, { cause: err })
}

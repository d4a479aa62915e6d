import type jsonata from 'jsonata'
import { ExpressionError } from '../errors.ts'

/** Longest string a step may produce: 10M characters (10–20 MB), as for templates. */
export const MAX_STRING_LENGTH = 10_000_000

/** JSONata calls the function bound to this symbol after every evaluation step, with the step's result. */
const evaluateExit = Symbol.for('jsonata.__evaluate_exit')

/**
 * Size checks JSONata does not make itself. Its `sequence` option covers sequences and ranges, but not arrays built
 * by constructors or functions, nor strings, which grow by doubling (`$s & $s`) or by `$pad`. Every step's result is
 * checked on exit; `$pad` is checked before it allocates, since `$pad("", 1e9)` is a gigabyte in one call.
 */
export function installSizeGuards(expr: jsonata.Expression, maxSequence: number): void {
  const onExit = (_node: unknown, _input: unknown, _env: unknown, result: unknown): void => {
    if (typeof result === 'string' && result.length > MAX_STRING_LENGTH) {
      throw sizeError(`a string of ${result.length} characters exceeds the limit of ${MAX_STRING_LENGTH}`)
    }
    if (Array.isArray(result) && result.length > maxSequence) {
      throw sizeError(`an array of ${result.length} elements exceeds the limit of ${maxSequence}`)
    }
  }
  // The typings only allow string names; JSONata's environment binds symbols just the same.
  expr.assign(evaluateExit as unknown as string, onExit)
  expr.registerFunction('pad', boundedPad, '<s-ns?:s>')
}

/** JSONata's `$pad`, unchanged in behaviour (widths count code points), refusing widths past the string limit. */
function boundedPad(str: string | undefined, width: number, char?: string): string | undefined {
  if (str === undefined) return undefined
  const target = Math.trunc(width)
  if (Math.abs(target) > MAX_STRING_LENGTH) {
    throw sizeError(`$pad to ${Math.abs(target)} characters exceeds the limit of ${MAX_STRING_LENGTH}`)
  }
  const fill = char === undefined || char === '' ? ' ' : char
  const missing = Math.abs(target) - [...str].length
  if (missing <= 0) return str
  const fillLength = [...fill].length
  let padding = fill.repeat(Math.ceil(missing / fillLength))
  if (fillLength > 1) padding = [...padding].slice(0, missing).join('')
  return target > 0 ? str + padding : padding + str
}

function sizeError(reason: string): ExpressionError {
  return new ExpressionError('EXPRESSION_LIMIT', `Expression exceeded a limit: ${reason}`, { limit: 'size' })
}

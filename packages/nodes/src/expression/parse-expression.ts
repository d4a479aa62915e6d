import jsonata from 'jsonata'
import { ExpressionError } from '../errors.ts'
import { toExpressionError } from './expression-error.ts'
import { compileLinearRegex, LinearRegExp } from './linear-regexp.ts'

/** Characters of expression source; a transform is a few lines, and parsing is recursive. */
export const MAX_EXPRESSION_LENGTH = 100_000

/** JSONata's guard options, which it reads from the object given when the expression is parsed. */
export interface ParseGuards {
  timeout?: number
  stack?: number
  sequence?: number
}

/**
 * Parses an expression the way it will run (RE2 for regexes) and throws ExpressionError for anything that stops it
 * running at all: EXPRESSION_SYNTAX (JSONata's S0xxx code, position and token in `details`; or a regex RE2 cannot
 * run) or EXPRESSION_LIMIT (too long, or nested past the stack). Pure: the validator calls it with no guards to
 * check an expression before it is ever evaluated, compileExpression with the evaluation's limits.
 */
export function parseExpression(source: string, guards: ParseGuards = {}): jsonata.Expression {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(
      'EXPRESSION_LIMIT',
      `Expression is ${source.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`,
      { length: source.length, limit: MAX_EXPRESSION_LENGTH },
    )
  }
  let expr: jsonata.Expression
  try {
    expr = jsonata(source, {
      ...guards,
      // Typed as RegExpConstructor; JSONata only calls `new`, `lastIndex` and `exec`, which LinearRegExp provides.
      RegexEngine: LinearRegExp as unknown as RegExpConstructor,
    })
  } catch (err) {
    // JSONata compiles regex literals with the JS engine while scanning; a pattern JS rejects throws a SyntaxError.
    // Recognised and explained, so it is not kept as a cause: only unexplained engine errors are.
    if (err instanceof SyntaxError) {
      throw new ExpressionError('EXPRESSION_SYNTAX', `Expression syntax error: ${err.message}`, {
        regexError: err.message,
      })
    }
    throw toExpressionError(err)
  }
  checkRegexLiterals(expr.ast())
  return expr
}

/**
 * Reports regex literals RE2 cannot run (backreferences, lookaround) now, with their position, rather than on the
 * first evaluation. Regexes built at run time by `$eval` meet the same engine and fail there.
 */
function checkRegexLiterals(ast: jsonata.ExprNode): void {
  const seen = new Set<object>()
  const pending: unknown[] = [ast]
  while (pending.length > 0) {
    const node = pending.pop()
    if (typeof node !== 'object' || node === null || seen.has(node) || node instanceof RegExp) continue
    seen.add(node)
    const { type, value, position } = node as jsonata.ExprNode
    if (type === ('regex' as jsonata.ExprNode['type']) && value instanceof RegExp) {
      try {
        compileLinearRegex(value)
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err)
        throw new ExpressionError(
          'EXPRESSION_SYNTAX',
          `Expression syntax error at position ${position}: regular expression ${value} is not supported (${reason}); ` +
            'regexes run on a linear-time engine without backreferences or lookaround',
          { position, regex: String(value), reason },
          { cause: err },
        )
      }
    }
    pending.push(...Object.values(node))
  }
}

import jsonata from 'jsonata'
import { ExpressionError } from '../errors.ts'
import { createLruCache } from '../template/lru-cache.ts'
import { toExpressionError } from './expression-error.ts'
import { compileLinearRegex, LinearRegExp } from './linear-regexp.ts'
import { installSizeGuards } from './size-guards.ts'

export interface ExpressionLimits {
  timeoutMs: number
  maxDepth: number
  maxSequence: number
}

/** Characters of expression source; a transform is a few lines, and parsing is recursive. */
export const MAX_EXPRESSION_LENGTH = 100_000

// JSONata reads its guard options from the object given at compile time, so the limits are part of the key.
const cache = createLruCache<string, jsonata.Expression>({ maxEntries: 1_000, maxWeight: 10_000_000 })

/** Compiles (or fetches from the cache) an expression with its guards installed; throws ExpressionError. */
export function compileExpression(source: string, limits: ExpressionLimits): jsonata.Expression {
  const key = `${limits.timeoutMs}:${limits.maxDepth}:${limits.maxSequence}:${source}`
  const cached = cache.get(key)
  if (cached) return cached
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
      timeout: limits.timeoutMs,
      stack: limits.maxDepth,
      sequence: limits.maxSequence,
      // Typed as RegExpConstructor; JSONata only calls `new`, `lastIndex` and `exec`, which LinearRegExp provides.
      RegexEngine: LinearRegExp as unknown as RegExpConstructor,
    })
  } catch (err) {
    throw toExpressionError(err)
  }
  checkRegexLiterals(expr.ast())
  installSizeGuards(expr, limits.maxSequence)
  cache.set(key, expr, source.length)
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
          { position },
          { cause: err },
        )
      }
    }
    pending.push(...Object.values(node))
  }
}

import type jsonata from 'jsonata'
import { createLruCache } from '../template/lru-cache.ts'
import { parseExpression } from './parse-expression.ts'
import { installSizeGuards } from './size-guards.ts'

export interface ExpressionLimits {
  timeoutMs: number
  maxDepth: number
  maxSequence: number
}

export const EXPRESSION_LIMITS: Readonly<ExpressionLimits> = {
  timeoutMs: 1000,
  maxDepth: 200,
  maxSequence: 100_000,
}

// JSONata reads its guard options from the object given at compile time, so the limits are part of the key.
const cache = createLruCache<string, jsonata.Expression>({ maxEntries: 1_000, maxWeight: 10_000_000 })

/** Compiles (or fetches from the cache) an expression with its guards installed; throws ExpressionError. */
export function compileExpression(source: string, limits: ExpressionLimits): jsonata.Expression {
  const key = `${limits.timeoutMs}:${limits.maxDepth}:${limits.maxSequence}:${source}`
  const cached = cache.get(key)
  if (cached) return cached
  const expr = parseExpression(source, {
    timeout: limits.timeoutMs,
    stack: limits.maxDepth,
    sequence: limits.maxSequence,
  })
  installSizeGuards(expr, limits.maxSequence)
  cache.set(key, expr, source.length)
  return expr
}

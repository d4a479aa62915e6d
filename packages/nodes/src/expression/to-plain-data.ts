import { ExpressionError } from '../errors.ts'

/**
 * Keys dropped from results. JSONata builds objects that may carry them as own keys (`{"__proto__": …}`); harmless
 * there, but a downstream `Object.assign` or recursive merge would follow them into a prototype.
 */
const droppedKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * A copy of a JSONata result made of plain arrays and objects only: JSONata's sequence flags are gone, dangerous keys
 * are dropped, and functions (a lambda or `$string` returned as a value) are refused, since they cannot be stored,
 * sent or shown.
 */
export function toPlainData(value: unknown): unknown {
  return copy(value, new Set())
}

function copy(value: unknown, ancestors: Set<object>): unknown {
  if (typeof value === 'function' || isJsonataFunction(value)) {
    throw new ExpressionError('EXPRESSION_ERROR', 'The expression returned a function; results must be data')
  }
  if (typeof value !== 'object' || value === null) return value
  if (ancestors.has(value)) {
    throw new ExpressionError('EXPRESSION_ERROR', 'The expression returned a value that contains itself')
  }
  ancestors.add(value)
  let result: unknown
  if (Array.isArray(value)) {
    result = value.map((item) => copy(item, ancestors))
  } else if (value instanceof Date || ArrayBuffer.isView(value)) {
    // Only in-process bindings hold these; they are data and pass as they are.
    result = value
  } else {
    // Own keys into a fresh object: the transform operator (`|$|{"__proto__": …}|`) can leave an object whose
    // prototype was swapped, and that prototype must not travel on.
    const entries = Object.entries(value)
      .filter(([key]) => !droppedKeys.has(key))
      .map(([key, item]) => [key, copy(item, ancestors)])
    result = Object.fromEntries(entries)
  }
  ancestors.delete(value)
  return result
}

/** JSONata functions are objects: built-ins carry `_jsonata_function`, lambdas `_jsonata_lambda`. */
function isJsonataFunction(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  return Object.hasOwn(value, '_jsonata_function') || Object.hasOwn(value, '_jsonata_lambda')
}

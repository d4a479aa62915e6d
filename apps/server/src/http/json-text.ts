/**
 * `JSON.stringify` for run data on its way out (answers, SSE): undefined instead of a throw when the value cannot
 * be written (a BigInt, a cycle, nesting past the stack). The engine already refuses such node outputs; this keeps
 * anything that slips past from turning into a 500 INTERNAL or a dead event stream.
 */
export function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

/** What an SSE subscriber gets in place of an event that could not be written. */
export const NOT_SERIALIZABLE_DATA = JSON.stringify({
  error: { code: 'EVENT_NOT_SERIALIZABLE', message: 'This event could not be written as JSON' },
})

/**
 * Turns any template result into text the way a person expects to read it: strings unchanged, nothing as empty text,
 * numbers and booleans as written, dates as ISO time and lists or objects as compact JSON (never `[object Object]`).
 */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString()
  try {
    return JSON.stringify(value) ?? ''
  } catch {
    // Cycles cannot come from JSON-shaped node outputs; this only guards against a misbehaving custom value.
    return String(value)
  }
}

/** A value as the JSON text of a nullable column: SQL NULL for undefined and null. */
export function jsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value)
}

/** Strict mode needs every object closed and every property required; otherwise the schema is a guide only. */
export function isStrictReady(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return true
  const s = schema as {
    type?: unknown
    properties?: Record<string, unknown>
    required?: string[]
    additionalProperties?: unknown
    items?: unknown
  }
  const isObject = s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object'))
  if (isObject) {
    const keys = Object.keys(s.properties ?? {})
    if (s.additionalProperties !== false || !keys.every((k) => s.required?.includes(k))) return false
  }
  return Object.values(s.properties ?? {}).every(isStrictReady) && isStrictReady(s.items)
}

/**
 * The arguments as the tool declares them. The editor's form gives every field as text (a template), so a field the
 * tool's input schema types as a number, integer, boolean, object or array is converted from its text here; a value
 * that does not convert is passed as it is, for the tool to refuse with its own message. An empty optional field is
 * left out rather than sent as "".
 */
export function argumentsFor(
  values: Record<string, unknown>,
  inputSchema: Record<string, unknown>,
): Record<string, unknown> {
  const properties = isRecord(inputSchema.properties) ? inputSchema.properties : {}
  const required = Array.isArray(inputSchema.required) ? inputSchema.required : []
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(values)) {
    if (value === '' && !required.includes(name)) continue
    const property = properties[name]
    const type = isRecord(property) ? property.type : undefined
    out[name] = typeof value === 'string' ? fromText(value, type) : value
  }
  return out
}

function fromText(text: string, type: unknown): unknown {
  const trimmed = text.trim()
  switch (type) {
    case 'number':
    case 'integer': {
      const n = Number(trimmed)
      return trimmed !== '' && Number.isFinite(n) ? n : text
    }
    case 'boolean':
      return trimmed === 'true' ? true : trimmed === 'false' ? false : text
    case 'object':
    case 'array':
      try {
        return JSON.parse(trimmed)
      } catch {
        return text
      }
    default:
      return text
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

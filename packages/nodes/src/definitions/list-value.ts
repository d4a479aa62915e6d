import { NodeError } from '../errors.ts'

const kinds: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'yes/no',
  object: 'an object',
}

/**
 * Reads a list from a field filled with one `{{ }}` reference. Anything else is refused naming the field: falling
 * back to some other value would hide a mistyped reference behind plausible-looking output.
 */
export function listValue(fieldName: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  const got =
    value === undefined || value === null || value === '' ? 'nothing' : (kinds[typeof value] ?? typeof value)
  throw new NodeError(
    'NOT_A_LIST',
    `"${fieldName}" must be a list (for example {{ nodes.split.parts }}), got ${got}`,
    {
      details: { field: fieldName, got },
    },
  )
}

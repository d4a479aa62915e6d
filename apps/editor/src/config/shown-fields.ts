import type { SchemaField } from '../catalogue/schema-fields.ts'

/**
 * The fields a node's form shows: a field with `shownWhen` only while the field it names holds one of the listed
 * values (its default when the config leaves it out), or when it has a problem to show.
 */
export function shownFields(
  fields: readonly SchemaField[],
  config: Record<string, unknown>,
  hasProblem: (key: string) => boolean,
): SchemaField[] {
  return fields.filter((f) => {
    const when = f.ui?.shownWhen
    if (!when || hasProblem(f.key)) return true
    const controlling = fields.find((other) => other.key === when.field)
    const value = config[when.field] ?? controlling?.schema.default
    return when.is.some((allowed) => allowed === value)
  })
}

import { type SQL, sql } from 'drizzle-orm'

/**
 * `('a', 'b')` inlined for a CHECK constraint, which cannot take bound parameters. The values are our own
 * constants, never user input.
 */
export function inList(values: readonly string[]): SQL {
  return sql.raw(`(${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`)
}

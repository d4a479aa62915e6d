import { z } from 'zod'
import { toText } from './to-text.ts'

/**
 * Header and query rows as the key-value widget edits them: an ordered list, so rows keep their place while typed.
 * A value may be any template result and is sent as text.
 */
export const KeyValueList = z.array(z.object({ key: z.string(), value: z.unknown() })).max(200)
export type KeyValueList = z.infer<typeof KeyValueList>

/** Rows with a blank key are ones the person has not filled in yet, so they are left out. */
export function keyValueRecord(rows: KeyValueList): Record<string, string> {
  // fromEntries defines own properties, so a key such as `__proto__` cannot reach the prototype.
  return Object.fromEntries(
    rows.filter((row) => row.key.trim()).map((row) => [row.key.trim(), toText(row.value)]),
  )
}

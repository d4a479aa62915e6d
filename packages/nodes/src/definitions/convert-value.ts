import { z } from 'zod'
import { readNumber, readYesNo } from './read-scalar.ts'
import { toText } from './to-text.ts'

export const ValueType = z.enum(['auto', 'string', 'number', 'boolean', 'json'])
export type ValueType = z.infer<typeof ValueType>

/** The schema a converted value satisfies, so the editor knows `nodes.set1.count` is a number. */
export const valueTypeSchemas: Record<ValueType, z.ZodType> = {
  auto: z.unknown(),
  string: z.string(),
  number: z.number(),
  boolean: z.boolean(),
  json: z.unknown(),
}

export type Converted = { ok: true; value: unknown } | { ok: false; reason: string }

/**
 * Converts a rendered template value to the type a person picked. Template output is usually text ("82", "true",
 * '{"a":1}'), so text is read leniently; anything that cannot mean the type is refused with a reason.
 */
export function convertValue(value: unknown, type: ValueType): Converted {
  switch (type) {
    case 'auto':
      return { ok: true, value }
    case 'string':
      return { ok: true, value: toText(value) }
    case 'number': {
      // Thousands separators are common in copied figures: "1,280".
      const number = readNumber(typeof value === 'string' ? value.replace(/,/g, '') : value)
      if (number !== undefined) return { ok: true, value: number }
      return { ok: false, reason: `${JSON.stringify(toText(value))} is not a number` }
    }
    case 'boolean': {
      const flag = readYesNo(value)
      if (flag !== undefined) return { ok: true, value: flag }
      return { ok: false, reason: `${JSON.stringify(toText(value))} is not yes or no` }
    }
    case 'json': {
      if (typeof value !== 'string') return { ok: true, value }
      try {
        return { ok: true, value: JSON.parse(value) }
      } catch (err) {
        return { ok: false, reason: `not valid JSON (${err instanceof Error ? err.message : String(err)})` }
      }
    }
  }
}

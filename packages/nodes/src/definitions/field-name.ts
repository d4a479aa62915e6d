import { z } from 'zod'

/**
 * A field name people pick for data (a trigger's input, a `data.set` field). Templates reach it as
 * `trigger.body.<name>` or `nodes.<id>.<name>`, so it is an identifier: ASCII letters, digits and `_`.
 */
export const FieldName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    'a field name starts with a letter or _ and has only letters, digits and _ (at most 64)',
  )

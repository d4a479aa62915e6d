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

/**
 * The name of a trigger's input field: what callers send as a JSON key and what the run form shows, so it may be
 * Chinese (`标题`) as well as ASCII. Letters of any script, digits and `_`, starting with a letter or `_`: Liquid reads
 * such a name after a dot (`{{ trigger.body.标题 }}`), so templates need no quoting (see docs/design.md).
 */
export const InputFieldName = z
  .string()
  .regex(
    /^[\p{L}_][\p{L}\p{N}_]{0,63}$/u,
    'a field name starts with a letter or _ and has only letters (any language), digits and _ (at most 64)',
  )

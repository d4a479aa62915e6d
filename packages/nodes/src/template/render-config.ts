import type { z } from 'zod'
import { isTemplatedKey } from './is-templated-key.ts'
import { formatFieldPath, mapStrings } from './map-strings.ts'
import { renderTemplate, type TemplateScope } from './render-template.ts'
import { errorInField } from './template-error.ts'

/**
 * A node's config with every string in its templated fields rendered (nested arrays and objects included), ready to
 * be parsed by the node's config schema. Untemplated fields (`expression`, `select`, … widgets) are copied as they
 * are. A failing template throws its ExpressionError with the field named in the message and `details.field`.
 */
export function renderConfig(
  config: Record<string, unknown>,
  schema: z.ZodType,
  scope: TemplateScope,
): Record<string, unknown> {
  const entries = Object.entries(config).map(([key, value]) => {
    if (!isTemplatedKey(schema, key)) return [key, value]
    const rendered = mapStrings(
      value,
      (text, path) => {
        try {
          return renderTemplate(text, scope)
        } catch (err) {
          throw errorInField(err, formatFieldPath(path))
        }
      },
      [key],
    )
    return [key, rendered]
  })
  return Object.fromEntries(entries)
}

import type { z } from 'zod'
import { isTemplatedKey } from './is-templated-key.ts'
import { type FieldPath, forEachString, formatFieldPath } from './map-strings.ts'
import { parseTemplate } from './parse-template.ts'
import { errorInField } from './template-error.ts'

/** One value a template reads: `{{ nodes.a.b[0].c }}` → `{ root: 'nodes', path: ['a', 'b', 0, 'c'], source: 'nodes.a.b[0].c' }`. */
export interface TemplateRef {
  root: string
  /**
   * Property names and indexes after the root, up to the first computed segment: `nodes[key].x` gives `[]`, and
   * `key` is reported as a reference of its own.
   */
  path: Array<string | number>
  /** The reference as Liquid prints it, for messages. */
  source: string
}

/**
 * What a template reads from outside, by LiquidJS's own static analysis: outputs and tag arguments (`if`, `for`,
 * filters' arguments) alike, without loop variables, `forloop` or names set by `assign`/`capture`. Duplicates are
 * removed. Throws ExpressionError TEMPLATE_SYNTAX when the template does not parse.
 */
export function templateRefs(source: string): TemplateRef[] {
  if (!source.includes('{{') && !source.includes('{%')) return []
  // Copies: the parsed template, refs included, is shared by everyone who renders the same text.
  return parseTemplate(source).refs.map((ref) => ({ ...ref, path: [...ref.path] }))
}

/**
 * The references in every templated field of a config, each with the path of the string it sits in, so that the
 * validator can say "field fields[2].value refers to nodes.y, which does not run before this node". A template that
 * does not parse throws its ExpressionError with the field named (`details.field`).
 */
export function configRefs(
  config: Record<string, unknown>,
  schema: z.ZodType,
): Array<{ field: FieldPath; ref: TemplateRef }> {
  const found: Array<{ field: FieldPath; ref: TemplateRef }> = []
  for (const [key, value] of Object.entries(config)) {
    if (!isTemplatedKey(schema, key)) continue
    forEachString(
      value,
      (text, field) => {
        let refs: TemplateRef[]
        try {
          refs = templateRefs(text)
        } catch (err) {
          throw errorInField(err, formatFieldPath(field))
        }
        for (const ref of refs) found.push({ field, ref })
      },
      [key],
    )
  }
  return found
}

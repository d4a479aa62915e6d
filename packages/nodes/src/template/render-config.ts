import type { z } from 'zod'
import { isTemplatedKey } from './is-templated-key.ts'
import { type FieldPath, formatFieldPath, isPlainObject } from './map-strings.ts'
import { renderTemplate, type TemplateScope } from './render-template.ts'
import { errorInField } from './template-error.ts'

/** Renders one config string; `path` is the field it sits in, shared and changing: copy it to keep it. */
export type ConfigStringRenderer = (source: string, scope: TemplateScope, path: FieldPath) => unknown

const renderFully: ConfigStringRenderer = (source, scope) => renderTemplate(source, scope)

/**
 * A node's config with every string in its templated fields rendered (nested arrays and objects included), ready to
 * be parsed by the node's config schema. Untemplated fields (`expression`, `select`, … widgets) are copied as they
 * are. A failing template throws its ExpressionError with the field named in the message and `details.field`.
 */
export function renderConfig(
  config: Record<string, unknown>,
  schema: z.ZodType,
  scope: TemplateScope,
  render: ConfigStringRenderer = renderFully,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = {}
  const path: FieldPath = []
  for (const key of Object.keys(config)) {
    const value = config[key]
    if (!isTemplatedKey(schema, key)) {
      put(rendered, key, value)
      continue
    }
    path.push(key)
    put(rendered, key, renderStrings(value, scope, path, render))
    path.pop()
  }
  return rendered
}

/**
 * `mapStrings` with `renderTemplate`, written out: this runs for every node of every run, and one shared path stack
 * (copied only into an error) allocates far less than a fresh path array per value.
 */
function renderStrings(
  value: unknown,
  scope: TemplateScope,
  path: FieldPath,
  render: ConfigStringRenderer,
): unknown {
  if (typeof value === 'string') {
    try {
      return render(value, scope, path)
    } catch (err) {
      throw errorInField(err, formatFieldPath(path))
    }
  }
  if (Array.isArray(value)) {
    const items: unknown[] = new Array(value.length)
    for (let i = 0; i < value.length; i++) {
      path.push(i)
      items[i] = renderStrings(value[i], scope, path, render)
      path.pop()
    }
    return items
  }
  if (isPlainObject(value)) {
    const fields: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      path.push(key)
      put(fields, key, renderStrings(value[key], scope, path, render))
      path.pop()
    }
    return fields
  }
  return value
}

/** Defined, not assigned, when the key is `__proto__`: config data keeps it as an ordinary key. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  } else target[key] = value
}

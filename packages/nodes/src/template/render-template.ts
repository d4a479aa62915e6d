import { ExpressionError } from '../errors.ts'
import { deepFreeze } from './deep-freeze.ts'
import { createRenderContext, evaluateValue, renderToString, TEMPLATE_LIMITS } from './liquid-engine.ts'
import { type ParsedTemplate, parseTemplate } from './parse-template.ts'
import { NEEDS_LIQUID, readPlainPath } from './read-plain-path.ts'
import { toTemplateError } from './template-error.ts'

/** What templates can read: `{{ trigger.body.x }}`, `{{ nodes.<id>.field }}`, and `item`/`index` in a for-each. */
export interface TemplateScope {
  trigger?: unknown
  /** Outputs of the nodes that ran before this one, by id. A skipped node may be present with the value `null`. */
  nodes: Record<string, unknown>
  item?: unknown
  index?: number
}

const roots: ReadonlySet<string> = new Set(['trigger', 'nodes', 'item', 'index'])

/**
 * Renders one config string. A string without `{{`/`{%` is returned as is; a string that is exactly one output tag
 * returns the value it refers to (array, object, number…); anything else returns text.
 *
 * Missing references (n8n users lose hours to expressions that silently yield nothing, n8n#15890):
 * - an unknown root name, `trigger`/`item`/`index` where the scope has none, or `nodes.<id>` for an id absent from
 *   `scope.nodes` is a TEMPLATE_REFERENCE error naming it. These are checked statically over the whole template,
 *   so a reference inside a branch that is not taken still fails: it is a mistake in the flow, not in the data;
 * - a missing field below an existing value (`trigger.body.nope`) renders empty, so `| default: "x"` works, and a
 *   single-tag template returns `undefined` for it, which the node's config schema then reports by field name.
 *
 * `renderMs` shortens the time limit, for a first try on a thread that must not be held long (see isTimeLimit).
 */
export function renderTemplate(
  source: string,
  scope: TemplateScope,
  renderMs: number = TEMPLATE_LIMITS.renderMs,
): unknown {
  if (!source.includes('{{') && !source.includes('{%')) return source
  const parsed = parseTemplate(source)
  checkReferences(parsed, scope)
  const env = createEnvironment(parsed, scope)
  if (parsed.path) {
    const value = readPlainPath(env, parsed.path)
    if (value !== NEEDS_LIQUID) return value
  }
  try {
    const ctx = createRenderContext(env, renderMs)
    return parsed.single ? evaluateValue(parsed.single, ctx) : renderToString(parsed.templates, ctx)
  } catch (err) {
    throw toTemplateError(err)
  }
}

function checkReferences(parsed: ParsedTemplate, scope: TemplateScope): void {
  for (const root of parsed.roots) {
    if (!roots.has(root)) {
      throw referenceError(`Unknown name "${root}": templates can read trigger, nodes.<id>, item and index`, {
        root,
      })
    }
    if (root === 'trigger' && scope.trigger === undefined) {
      throw referenceError('"trigger" is not available: this run has no trigger data', { root })
    }
    if ((root === 'item' || root === 'index') && scope[root] === undefined) {
      throw referenceError(`"${root}" is only available inside a for-each body`, { root })
    }
  }
  for (const id of parsed.nodeIds) {
    if (!Object.hasOwn(scope.nodes, id)) {
      throw referenceError(`"nodes.${id}" does not exist here: no node "${id}" runs before this one`, {
        root: 'nodes',
        nodeId: id,
      })
    }
  }
}

function referenceError(message: string, details: { root: string; nodeId?: string }): ExpressionError {
  return new ExpressionError('TEMPLATE_REFERENCE', message, details)
}

/**
 * A fresh, prototype-less top-level scope per render: `{% increment %}`/`{% decrement %}` write into it, never into
 * the caller's object. Values the template can reach are frozen (see deepFreeze for why not cloned). The caller's
 * `nodes` map is not frozen, since the engine may keep adding to it; it is copied (frozen) only when the template
 * can reach the map itself (`{{ nodes }}`, `nodes[x]`), otherwise only the referenced outputs are frozen.
 */
function createEnvironment(parsed: ParsedTemplate, scope: TemplateScope): Record<string, unknown> {
  const env: Record<string, unknown> = Object.create(null)
  if (parsed.roots.has('trigger')) env.trigger = deepFreeze(scope.trigger)
  if (parsed.roots.has('item')) env.item = deepFreeze(scope.item)
  if (parsed.roots.has('index')) env.index = scope.index
  if (parsed.readsAllNodes) {
    const outputs = Object.entries(scope.nodes).map(([id, output]) => [id, deepFreeze(output)])
    env.nodes = Object.freeze(Object.fromEntries(outputs))
  } else if (parsed.roots.has('nodes')) {
    for (const id of parsed.nodeIds) deepFreeze(scope.nodes[id])
    env.nodes = scope.nodes
  }
  return env
}

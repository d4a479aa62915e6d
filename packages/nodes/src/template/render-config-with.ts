import type { z } from 'zod'
import type { ExpressionEvaluator, SignalSource } from '../expression/expression-evaluator.ts'
import { inThreadExpressions, isTimeLimit } from '../expression/expression-evaluator.ts'
import { TEMPLATE_LIMITS } from './liquid-engine.ts'
import { type FieldPath, formatFieldPath } from './map-strings.ts'
import { parseTemplate } from './parse-template.ts'
import { renderConfig } from './render-config.ts'
import { renderTemplate, type TemplateScope } from './render-template.ts'
import { errorInField } from './template-error.ts'

/**
 * `renderConfig` through an evaluator: each string is rendered here within `expressions.templateBudgetMs`, and only
 * the strings that run past it are rendered again by `expressions.renderTemplate` (the server's worker pool). Returns
 * the config itself when nothing ran past the budget, so the common case costs no promise.
 */
export function renderConfigWith(
  config: Record<string, unknown>,
  schema: z.ZodType,
  scope: TemplateScope,
  expressions: ExpressionEvaluator,
  abort?: SignalSource,
): Record<string, unknown> | Promise<Record<string, unknown>> {
  // The default evaluator has no budget: the plain renderer, without a per-call one, is measurably cheaper per node.
  if (expressions === inThreadExpressions) return renderConfig(config, schema, scope)
  let slow: Array<{ path: FieldPath; value: Promise<unknown> }> | undefined
  const rendered = renderConfig(config, schema, scope, (source, scope, path) => {
    const budgetMs = expressions.templateBudgetMs(source)
    if (budgetMs >= TEMPLATE_LIMITS.renderMs) return renderTemplate(source, scope)
    try {
      return renderTemplate(source, scope, budgetMs)
    } catch (err) {
      if (!isTimeLimit(err)) throw err
      slow ??= []
      slow.push({
        path: [...path],
        value: expressions.renderTemplate(source, scopeFor(source, scope), abort),
      })
      return undefined
    }
  })
  return slow ? fillIn(rendered, slow) : rendered
}

async function fillIn(
  rendered: Record<string, unknown>,
  slow: Array<{ path: FieldPath; value: Promise<unknown> }>,
): Promise<Record<string, unknown>> {
  // Settled together, so that a failure does not leave the others' rejections unhandled.
  const values = await Promise.allSettled(slow.map((s) => s.value))
  values.forEach((settled, i) => {
    const { path } = slow[i] as { path: FieldPath }
    if (settled.status === 'rejected') throw errorInField(settled.reason, formatFieldPath(path))
    // The containers on the path are fresh copies made by renderConfig, and the key is already their own.
    let target = rendered as Record<string | number, unknown>
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>
    target[path[path.length - 1] as string | number] = settled.value
  })
  return rendered
}

/** Only what the template reads (already checked to exist), so that no more data than needed is copied elsewhere. */
function scopeFor(source: string, scope: TemplateScope): TemplateScope {
  const { roots, nodeIds, readsAllNodes } = parseTemplate(source)
  const nodes: Record<string, unknown> = {}
  if (readsAllNodes) Object.assign(nodes, scope.nodes)
  else for (const id of nodeIds) nodes[id] = scope.nodes[id]
  const narrow: TemplateScope = { nodes }
  if (roots.has('trigger')) narrow.trigger = scope.trigger
  if (roots.has('item')) narrow.item = scope.item
  if (roots.has('index')) narrow.index = scope.index
  return narrow
}

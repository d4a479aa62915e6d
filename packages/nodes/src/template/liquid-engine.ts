import {
  type Context,
  Liquid,
  Tag,
  type TagToken,
  type Template,
  type TopLevelToken,
  toValue,
  toValueSync,
  type Value,
} from 'liquidjs'
import { guardFilters } from './guard-filters.ts'
import { GuardedContext } from './guarded-context.ts'
import { MeteredCaptureTag, MeteredEmitter, outputText } from './metered-output.ts'

/**
 * Budgets for one template. Renders are synchronous and block the thread they run on (the server's event loop, the
 * editor's UI), so the time budget is short; the memory budget still fits long prompts built from large documents.
 */
export const TEMPLATE_LIMITS = {
  /** Characters of template source. 200k is far beyond any hand-written prompt and parses in milliseconds. */
  sourceLength: 200_000,
  /** Milliseconds per render, checked before each tag, output, loop iteration and filter. */
  renderMs: 250,
  /**
   * Characters and array elements created per render: Liquid's own accounting (ranges, string and array filters)
   * plus all output and every captured string, which Liquid does not count. 10M is 10–20 MB of text or
   * about 80 MB of array.
   */
  memory: 10_000_000,
  /** Longest array a filter accepts; as for JSONata sequences. */
  filterItems: 100_000,
} as const

/** include/render/layout read other templates from the file system (or over HTTP in browsers); flows have none. */
class FileTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid)
    throw new Error(`the "${token.name}" tag is not available: templates cannot load other files`)
  }
  render(): void {}
}

/** The one Liquid instance every template goes through. */
export const liquid = new Liquid({
  ownPropertyOnly: true,
  strictFilters: true,
  // Missing fields render empty so that `| default:` works; missing roots and nodes are caught before rendering.
  strictVariables: false,
  // An empty in-memory template map: even a file tag that slipped through could not reach the file system.
  templates: {},
  relativeReference: false,
  outputEscape: outputText,
  parseLimit: TEMPLATE_LIMITS.sourceLength,
  renderLimit: TEMPLATE_LIMITS.renderMs,
  memoryLimit: TEMPLATE_LIMITS.memory,
})
for (const name of ['include', 'render', 'layout']) liquid.registerTag(name, FileTag)
liquid.registerTag('capture', MeteredCaptureTag)
guardFilters(liquid, TEMPLATE_LIMITS.filterItems)

/** A fresh context per render: its time and memory budgets start now. */
export function createRenderContext(env: object, renderMs: number = TEMPLATE_LIMITS.renderMs): Context {
  return new GuardedContext(env, liquid.options, { sync: true, renderLimit: renderMs }, { liquid })
}

export function renderToString(templates: Template[], ctx: Context): string {
  const emitter = new MeteredEmitter(ctx)
  toValueSync(liquid.renderer.renderTemplates(templates, ctx, emitter))
  return emitter.buffer
}

/** The value of a single output, not its text: `{{ nodes.split.parts }}` gives the array itself. */
export function evaluateValue(value: Value, ctx: Context): unknown {
  return toValue(toValueSync(value.value(ctx, false)))
}

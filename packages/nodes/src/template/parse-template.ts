import { Output, type Template, TypeGuards, Value, type Variable } from 'liquidjs'
import { ExpressionError } from '../errors.ts'
import { findRanges } from './find-ranges.ts'
import { liquid, TEMPLATE_LIMITS } from './liquid-engine.ts'
import { createLruCache } from './lru-cache.ts'
import { toTemplateError } from './template-error.ts'
import type { TemplateRef } from './template-refs.ts'

/** A template parsed and analysed once, then rendered many times. */
export interface ParsedTemplate {
  templates: Template[]
  /** Set when the source is exactly one output tag (surrounding whitespace aside): it renders to a value. */
  single: Value | undefined
  /**
   * Set when that tag is a plain dotted path without filters (`{{ nodes.clean.title }}`), the commonest template
   * of all: it can be read without a Liquid render (see read-plain-path.ts).
   */
  path: readonly string[] | undefined
  /** What the template reads from outside, in source order, without duplicates; locals are not included. */
  refs: TemplateRef[]
  /** Root names read (`trigger`, `nodes`, …), node ids read statically, and whether any node id is computed. */
  roots: ReadonlySet<string>
  nodeIds: ReadonlySet<string>
  readsAllNodes: boolean
  /** Builds a range (`(1..n)`): one array in one step no time limit interrupts, so the server renders it off the loop. */
  ranges: boolean
}

// Weighted by source length so that 2,000 large templates cannot pin hundreds of megabytes.
const cache = createLruCache<string, ParsedTemplate>({ maxEntries: 2_000, maxWeight: 20_000_000 })

/** Parses (or fetches from the cache) a template; throws ExpressionError TEMPLATE_SYNTAX or TEMPLATE_LIMIT. */
export function parseTemplate(source: string): ParsedTemplate {
  const cached = cache.get(source)
  if (cached) return cached
  if (source.length > TEMPLATE_LIMITS.sourceLength) {
    throw new ExpressionError(
      'TEMPLATE_LIMIT',
      `Template is ${source.length} characters long; the limit is ${TEMPLATE_LIMITS.sourceLength}`,
      { length: source.length, limit: TEMPLATE_LIMITS.sourceLength },
    )
  }
  let parsed: ParsedTemplate
  try {
    const templates = liquid.parse(source)
    const variables = Object.values(liquid.analyzeSync(templates, { partials: false }).globals)
      .flat()
      .sort((a, b) => a.location.row - b.location.row || a.location.col - b.location.col)
    const single = singleOutput(templates)
    const ranges = findRanges(templates, liquid, TEMPLATE_LIMITS.filterItems)
    parsed = { templates, single, path: plainPath(single), ranges, ...analyse(variables) }
  } catch (err) {
    throw toTemplateError(err)
  }
  cache.set(source, parsed, source.length)
  return parsed
}

function singleOutput(templates: Template[]): Value | undefined {
  const meaningful = templates.filter((t) => t instanceof Output || t.token.getText().trim() !== '')
  const [only] = meaningful
  // A fresh Value from the tag's own text leaves out the output-escaping filter that Output appends.
  return meaningful.length === 1 && only instanceof Output ? new Value(only.token.content, liquid) : undefined
}

// Keys Liquid itself treats specially (`size` of an array…) or that the guarded context hides: left to Liquid.
const NOT_PLAIN: ReadonlySet<string> = new Set([
  'size',
  'first',
  'last',
  '__proto__',
  'constructor',
  'prototype',
])

function plainPath(single: Value | undefined): readonly string[] | undefined {
  if (!single || single.filters.length > 0 || single.initial.postfix.length !== 1) return undefined
  const [token] = single.initial.postfix
  if (!TypeGuards.isPropertyAccessToken(token) || token.variable !== undefined) return undefined
  const path: string[] = []
  for (const prop of token.props) {
    if (!TypeGuards.isWordToken(prop) || NOT_PLAIN.has(prop.content)) return undefined
    path.push(prop.content)
  }
  return path.length > 0 ? path : undefined
}

function analyse(variables: Variable[]): Omit<ParsedTemplate, 'templates' | 'single' | 'path' | 'ranges'> {
  const refs = new Map<string, TemplateRef>()
  const roots = new Set<string>()
  const nodeIds = new Set<string>()
  let readsAllNodes = false
  for (const variable of variables) {
    const [root, first, ...rest] = variable.segments
    // A computed root (`[x].y`) names nothing we can check; its inner variable is reported on its own.
    if (typeof root !== 'string') continue
    roots.add(root)
    const path = staticPrefix(first === undefined ? [] : [first, ...rest])
    if (root === 'nodes') {
      if (first === undefined || typeof first === 'object') readsAllNodes = true
      else nodeIds.add(String(first))
    }
    const source = String(variable)
    if (!refs.has(source)) refs.set(source, { root, path, source })
  }
  return { refs: [...refs.values()], roots, nodeIds, readsAllNodes }
}

/** The path up to the first computed segment (`nodes[x].y` → []), which static analysis cannot name. */
function staticPrefix(segments: Array<string | number | Variable>): Array<string | number> {
  const path: Array<string | number> = []
  for (const segment of segments) {
    if (typeof segment === 'object') break
    path.push(segment)
  }
  return path
}

/** Whether the template source builds a range; false for a source that does not parse (rendering reports that). */
export function templateBuildsRange(source: string): boolean {
  try {
    return parseTemplate(source).ranges
  } catch {
    return false
  }
}

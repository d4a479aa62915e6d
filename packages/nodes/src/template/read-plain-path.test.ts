import { describe, expect, it } from 'vitest'
import { createRenderContext, evaluateValue } from './liquid-engine.ts'
import { parseTemplate } from './parse-template.ts'
import { NEEDS_LIQUID, readPlainPath } from './read-plain-path.ts'

class Point {
  x = 1
}

const env = {
  trigger: { body: { title: 'Spring sale', tags: ['a', 'b'], empty: null, n: 0 } },
  nodes: Object.assign(Object.create(null) as Record<string, unknown>, {
    clean: { title: 'x', nested: { deep: [1, 2] } },
    skipped: null,
    point: { at: new Point() },
  }),
}

/** What a full Liquid render of the single tag gives: the behaviour the shortcut must reproduce. */
function viaLiquid(source: string): unknown {
  const single = parseTemplate(source).single
  if (!single) throw new Error(`not a single tag: ${source}`)
  return evaluateValue(single, createRenderContext(env))
}

describe('readPlainPath', () => {
  it.each([
    '{{ trigger.body.title }}',
    '{{ trigger.body }}',
    '{{ trigger.body.tags }}',
    '{{ trigger.body.missing }}',
    '{{ trigger.body.missing.below }}',
    '{{ trigger.body.empty.below }}',
    '{{ trigger.body.n }}',
    '{{ trigger.body.title.length }}',
    '{{ trigger.body.toString }}',
    '{{ nodes.clean.nested.deep }}',
    '{{ nodes.skipped.anything }}',
  ])('reads %s exactly as a Liquid render does', (source) => {
    const path = parseTemplate(source).path
    expect(path).toBeDefined()
    expect(readPlainPath(env, path ?? [])).toEqual(viaLiquid(source))
  })

  it('hands back the stored value itself, not a copy', () => {
    expect(readPlainPath(env, ['nodes', 'clean', 'nested'])).toBe(
      (env.nodes.clean as { nested: unknown }).nested,
    )
  })

  it('leaves filters, indexes, operators, Liquid specials and hidden keys to Liquid', () => {
    for (const source of [
      '{{ trigger.body.title | upcase }}',
      '{{ trigger.body.tags[0] }}',
      '{{ trigger.body.tags.size }}',
      '{{ trigger.body.tags.first }}',
      '{{ trigger.body.constructor }}',
      '{{ trigger["body"] }}',
      '{{ "text" }}',
      'Title: {{ trigger.body.title }}',
    ]) {
      expect(parseTemplate(source).path).toBeUndefined()
    }
  })

  it('gives up on anything but JSON-like data, so Liquid decides what a class instance reads as', () => {
    expect(readPlainPath(env, ['nodes', 'point', 'at'])).toBe(NEEDS_LIQUID)
    expect(readPlainPath(env, ['nodes', 'point', 'at', 'x'])).toBe(NEEDS_LIQUID)
    const liquidLike = { value: { toLiquid: () => 'shown' } }
    expect(readPlainPath(liquidLike, ['value'])).toBe(NEEDS_LIQUID)
  })
})

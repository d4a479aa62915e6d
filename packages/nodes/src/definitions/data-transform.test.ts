import { describe, expect, it } from 'vitest'
import { ExpressionError } from '../errors.ts'
import { hintsOf, isTemplated } from '../ui-hints.ts'
import { dataTransform } from './data-transform.ts'
import { runNode } from './test-context.ts'

const articles = {
  items: [
    { title: '甲', reads: 12_000 },
    { title: '乙', reads: 800 },
    { title: '丙', reads: 30_500 },
  ],
}

describe('data.transform', () => {
  it('evaluates the expression against the previous step’s output', async () => {
    const config = { expression: 'items[reads > 10000].title' }
    expect(await runNode(dataTransform, config, { inputs: { in: articles } })).toEqual({
      result: ['甲', '丙'],
    })
    const sum = { expression: '$sum(items.reads)' }
    expect(await runNode(dataTransform, sum, { inputs: { in: articles } })).toEqual({ result: 43_300 })
  })

  it('works on the referenced data when set, with the upstream value still at hand as $input', async () => {
    const config = { expression: '{"count": $count(items), "from": $input.source}', data: articles }
    expect(await runNode(dataTransform, config, { inputs: { in: { source: 'wire' } } })).toEqual({
      result: { count: 3, from: 'wire' },
    })
  })

  it('returns the input unchanged by default and null when nothing matches', async () => {
    expect(await runNode(dataTransform, { data: '' }, { inputs: { in: articles } })).toEqual({
      result: articles,
    })
    const none = { expression: 'items[reads > 1000000].title' }
    expect(await runNode(dataTransform, none, { inputs: { in: articles } })).toEqual({ result: null })
  })

  it('fails with an expression error that says where the syntax breaks', async () => {
    const err = await runNode(
      dataTransform,
      { expression: 'items[reads >' },
      { inputs: { in: articles } },
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ExpressionError)
    expect(err).toMatchObject({ code: 'EXPRESSION_SYNTAX' })
  })

  it('leaves {{ }} in the expression to JSONata instead of rendering it as a template', () => {
    expect(isTemplated(hintsOf(dataTransform.config.shape.expression))).toBe(false)
    expect(isTemplated(hintsOf(dataTransform.config.shape.data))).toBe(true)
  })
})

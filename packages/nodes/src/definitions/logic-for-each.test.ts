import { describe, expect, it } from 'vitest'
import { logicForEach } from './logic-for-each.ts'
import { nodeError, runNode } from './test-context.ts'

describe('logic.for-each', () => {
  it('hands the list to the engine to iterate', async () => {
    expect(logicForEach.iterates).toBe(true)
    expect(await runNode(logicForEach, { items: ['a', 'b'] })).toEqual({ items: ['a', 'b'] })
  })

  it('declares the output the engine builds from the body results', () => {
    expect(logicForEach.output.safeParse({ results: [1, 2], count: 2 }).success).toBe(true)
  })

  it('refuses a value that is not a list', async () => {
    const err = await nodeError(runNode(logicForEach, { items: { a: 1 } }))
    expect(err.code).toBe('NOT_A_LIST')
    expect(err.message).toContain('"items"')
  })

  it('refuses a list longer than the limit, saying how long it is', async () => {
    const err = await nodeError(runNode(logicForEach, { items: [1, 2, 3], maxItems: 2 }))
    expect(err.code).toBe('TOO_MANY_ITEMS')
    expect(err.details).toEqual({ field: 'items', count: 3, maxItems: 2 })
  })

  it('runs four at a time by default and between 1 and 16', () => {
    expect(logicForEach.config.parse({})).toMatchObject({ concurrency: 4, maxItems: 1000 })
    expect(logicForEach.config.safeParse({ concurrency: 0 }).success).toBe(false)
    expect(logicForEach.config.safeParse({ concurrency: 17 }).success).toBe(false)
  })
})

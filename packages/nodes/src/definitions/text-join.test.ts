import { describe, expect, it } from 'vitest'
import { nodeError, runNode } from './test-context.ts'
import { textJoin } from './text-join.ts'

describe('text.join', () => {
  it('joins a list with line breaks by default', async () => {
    expect(await runNode(textJoin, { items: ['第一段', '第二段'] })).toEqual({ text: '第一段\n第二段' })
  })

  it('writes numbers as written and objects as JSON, and skips nothing', async () => {
    const config = { items: [1, { a: 1 }, null, 'x'], separator: ' | ' }
    expect(await runNode(textJoin, config)).toEqual({ text: '1 | {"a":1} |  | x' })
  })

  it('refuses anything that is not a list, naming the field', async () => {
    const err = await nodeError(runNode(textJoin, { items: 'a,b' }))
    expect(err.code).toBe('NOT_A_LIST')
    expect(err.details).toEqual({ field: 'items', got: 'text' })
    expect((await nodeError(runNode(textJoin, {}))).details).toEqual({ field: 'items', got: 'nothing' })
  })
})

import { describe, expect, it } from 'vitest'
import { runNode } from './test-context.ts'
import { textSplit } from './text-split.ts'

describe('text.split', () => {
  it('splits into trimmed, non-empty lines by default, whatever the line endings', async () => {
    const text = ' 张三 \r\n李四\n\n  \n王五\n'
    expect(await runNode(textSplit, { text })).toEqual({ parts: ['张三', '李四', '王五'], count: 3 })
  })

  it('keeps spaces and empty pieces when asked to', async () => {
    const config = { text: 'a, b,,c', separator: ',', trim: false, removeEmpty: false }
    expect(await runNode(textSplit, config)).toEqual({ parts: ['a', ' b', '', 'c'], count: 4 })
  })

  it('reads \\t in the separator as a tab', async () => {
    expect(await runNode(textSplit, { text: 'x\ty\tz', separator: '\\t' })).toEqual({
      parts: ['x', 'y', 'z'],
      count: 3,
    })
  })

  it('splits into whole characters when the separator is empty', async () => {
    expect(await runNode(textSplit, { text: '智流👍', separator: '' })).toEqual({
      parts: ['智', '流', '👍'],
      count: 3,
    })
  })

  it('splits the text form of a referenced number', async () => {
    expect(await runNode(textSplit, { text: 3.14, separator: '.' })).toEqual({ parts: ['3', '14'], count: 2 })
  })
})

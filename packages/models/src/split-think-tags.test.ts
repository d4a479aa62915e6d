import { describe, expect, it } from 'vitest'
import { createThinkSplitter } from './split-think-tags.ts'

function run(pieces: string[]) {
  const out = { text: '', reasoning: '' }
  const splitter = createThinkSplitter((channel, text) => {
    out[channel] += text
  })
  for (const piece of pieces) splitter.push(piece)
  splitter.end()
  return out
}

describe('createThinkSplitter', () => {
  it('moves a leading think block to reasoning even when the tags are split across pieces', () => {
    expect(run(['<thi', 'nk>想', '一想</th', 'ink>\n\n', '答案'])).toEqual({
      reasoning: '想一想',
      text: '答案',
    })
  })

  it('leaves answers without a leading think block alone, a later tag included', () => {
    expect(run(['<', 'b>粗体</b> 和 <think>x</think>'])).toEqual({
      reasoning: '',
      text: '<b>粗体</b> 和 <think>x</think>',
    })
  })

  it('keeps an unclosed think block as reasoning, not as answer', () => {
    expect(run(['<think>没想完'])).toEqual({ reasoning: '没想完', text: '' })
  })
})

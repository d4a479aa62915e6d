import { describe, expect, it } from 'vitest'
import { loadTestCatalogue } from '../test-support/load-catalogue.ts'
import { liveText } from './live-text.ts'

loadTestCatalogue()

describe('what a running AI node has written so far', () => {
  const plan = {
    type: 'ai.structured',
    version: 1,
    config: {
      prompt: 'x',
      fields: [
        { name: 'theme', type: 'string', description: '本期主题', required: true },
        { name: 'points', type: 'string_list', description: '要点，三个', required: true },
      ],
    },
  }

  it('reads a structured answer as its fields, labelled as the picker labels them', () => {
    expect(liveText('{"theme": "科技周", "points": ["开幕", "展', plan, 'zh-CN')).toBe(
      '本期主题：科技周\n要点：开幕、展',
    )
  })

  it('leaves an ordinary answer as it is', () => {
    const chat = { type: 'ai.chat', version: 1, config: {} }
    expect(liveText('这段内容的要点是', chat, 'zh-CN')).toBe('这段内容的要点是')
  })
})

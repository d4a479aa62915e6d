import { describe, expect, it } from 'vitest'
import { addressOf, readableParts } from './readable-result.ts'

const origin = 'http://localhost:3000'

describe('a result laid out for reading', () => {
  it('shows text as Markdown, labels fields in the reader’s language, and leaves out the cost and what is empty', () => {
    const parts = readableParts(
      { text: '# 标题\n\n**正文**', model: 'demo', usage: { inputTokens: 1 }, cost: { cny: 0 }, headers: {} },
      'zh-CN',
      origin,
    )
    expect(parts).toEqual([
      { kind: 'markdown', label: '文本', text: '# 标题\n\n**正文**' },
      { kind: 'markdown', label: '模型', text: 'demo' },
    ])
    expect(readableParts('只有一段话', 'en', origin)).toEqual([{ kind: 'markdown', text: '只有一段话' }])
  })

  it('turns lists of words into a bulleted list and nested objects into labelled groups', () => {
    const parts = readableParts({ data: { topics: ['甲', '乙'], done: true } }, 'zh-CN', origin)
    expect(parts).toEqual([
      {
        kind: 'group',
        label: '结果字段',
        parts: [
          { kind: 'markdown', label: 'topics', text: '- 甲\n- 乙' },
          { kind: 'value', label: 'done', text: '是' },
        ],
      },
    ])
  })

  it('makes a published page’s address a clickable absolute link', () => {
    expect(readableParts({ url: '/p/%E5%8F%B0%E9%A3%8E' }, 'zh-CN', origin)).toEqual([
      { kind: 'link', label: '网址', href: 'http://localhost:3000/p/%E5%8F%B0%E9%A3%8E' },
    ])
    expect(addressOf('https://news.example.cn/p/a', 'link', origin)).toBe('https://news.example.cn/p/a')
  })

  it('never makes a link of a script address, a protocol-relative one, or a path that is not an address field', () => {
    expect(addressOf('javascript:alert(1)', 'url', origin)).toBeUndefined()
    expect(addressOf('//evil.example/x', 'url', origin)).toBeUndefined()
    expect(addressOf('/tmp/zhiliu-output/files/a.md', 'path', origin)).toBeUndefined()
  })
})

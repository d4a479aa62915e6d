import { describe, expect, it } from 'vitest'
import { messageRowsOf } from './message-rows.ts'

describe('a conversation field as rows', () => {
  it('edits an empty value and a list of user/assistant turns as rows, keeping extra keys', () => {
    expect(messageRowsOf(undefined)).toEqual([])
    expect(messageRowsOf('')).toEqual([])
    const turns = [
      { role: 'user', content: '你好' },
      { role: 'assistant', content: '您好！', reasoning: '打个招呼' },
    ]
    expect(messageRowsOf(turns)).toEqual(turns)
  })

  it('leaves to JSON what rows cannot show: a template, text, other roles or shapes', () => {
    expect(messageRowsOf('{{ nodes.memory.messages }}')).toBeUndefined()
    expect(messageRowsOf([{ role: 'system', content: 'x' }])).toBeUndefined()
    expect(messageRowsOf([{ role: 'user', content: 1 }])).toBeUndefined()
    expect(messageRowsOf({ role: 'user', content: 'x' })).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { runNode } from './test-context.ts'
import { triggerChat } from './trigger-chat.ts'

describe('trigger.chat', () => {
  it('starts with five remembered turns, ten questions per visitor a minute and no access code', () => {
    expect(triggerChat.config.parse({})).toEqual({
      title: '',
      opening: '',
      suggestions: '',
      historyTurns: 5,
      perVisitorPerMinute: 10,
      accessCode: '',
    })
  })

  it('gives the question, conversation and history at the top level for templates', async () => {
    const body = {
      message: '今天有什么新闻？',
      conversationId: 'c-1',
      history: [
        { role: 'user', content: '你好' },
        { role: 'assistant', content: '你好！' },
      ],
    }
    const event = { body, headers: {}, query: {}, method: 'POST', firedAt: '2026-01-01T00:00:00.000Z' }
    const out = await runNode(triggerChat, {}, { inputs: {}, event })
    expect(out).toMatchObject({ ...body, body })
  })

  it('runs from the editor with the question alone, or with nothing as an empty question', async () => {
    const event = {
      body: { message: '在吗？' },
      headers: {},
      query: {},
      method: 'POST',
      firedAt: '2026-01-01T00:00:00.000Z',
    }
    expect(await runNode(triggerChat, {}, { inputs: {}, event })).toMatchObject({
      message: '在吗？',
      conversationId: 'editor',
      history: [],
    })
    const out = await runNode(triggerChat, {}, { inputs: {} })
    expect(out).toMatchObject({ message: '', conversationId: 'editor', history: [] })
  })
})

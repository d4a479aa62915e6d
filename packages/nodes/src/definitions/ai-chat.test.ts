import { contextWith, demoContext, type FakeOpenAI, startFakeOpenAI } from '@zhiliu/test-models'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { aiChat } from './ai-chat.ts'
import { nodeError, runNode } from './test-context.ts'

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

type Sent = {
  model: string
  temperature?: number
  max_tokens?: number
  messages: { role: string; content: string }[]
}

describe('ai.chat', () => {
  it('sends system prompt, history and prompt, and streams the answer into run events', async () => {
    fake.script({ content: '杭州举办了首届马拉松。', usage: { prompt_tokens: 1000, completion_tokens: 500 } })
    const ctx = contextWith(fake)
    const config = {
      systemPrompt: '你是编辑。',
      prompt: '总结：杭州今天举办了首届马拉松……',
      history: [
        { role: 'user', content: '你好' },
        { role: 'assistant', content: '你好！' },
      ],
      temperature: 0.3,
      maxTokens: 200,
    }
    const out = await runNode(aiChat, config, { inputs: {} }, ctx)
    expect(out).toEqual({
      text: '杭州举办了首届马拉松。',
      model: 'deepseek-chat',
      provider: 'deepseek',
      usage: { promptTokens: 1000, completionTokens: 500 },
      cost: { cny: 0.0035, usd: 0.00049 },
    })
    const sent = fake.bodyOf(0) as Sent
    expect(sent.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user'])
    expect(sent).toMatchObject({ temperature: 0.3, max_tokens: 200 })
    expect(ctx.chunks.map((c) => c.text).join('')).toBe('杭州举办了首届马拉松。')
    expect(ctx.chunks.length).toBeGreaterThan(1)
  })

  it('keeps a reasoning model’s thinking apart from its answer, in output and in events', async () => {
    fake.script({ content: '答案：42', reasoning: '六乘七' })
    const ctx = contextWith(fake)
    const out = await runNode(aiChat, { prompt: '6×7?', model: 'deepseek-reasoner' }, { inputs: {} }, ctx)
    expect(out).toMatchObject({ text: '答案：42', reasoning: '六乘七', model: 'deepseek-reasoner' })
    expect(
      ctx.chunks
        .filter((c) => c.channel === 'reasoning')
        .map((c) => c.text)
        .join(''),
    ).toBe('六乘七')
    expect(
      ctx.chunks
        .filter((c) => c.channel === 'text')
        .map((c) => c.text)
        .join(''),
    ).toBe('答案：42')
  })

  it('refuses an empty prompt without calling the model', async () => {
    const err = await nodeError(runNode(aiChat, { prompt: '  ' }, { inputs: {} }, contextWith(fake)))
    expect(err.code).toBe('AI_INPUT_EMPTY')
    expect(fake.requests).toEqual([])
  })

  it('fails retryably when the provider is rate limited, so the engine retries after its wait', async () => {
    fake.script({ fault: 'rate_limit', retryAfter: '2' })
    const err = await nodeError(runNode(aiChat, { prompt: 'hi' }, { inputs: {} }, contextWith(fake)))
    expect(err).toMatchObject({ code: 'MODEL_RATE_LIMITED', retryable: true, retryAfterMs: 2000 })
    expect(aiChat.retry?.maxAttempts).toBeGreaterThan(1)
  })

  it('accepts only user and assistant turns as history', () => {
    expect(
      aiChat.config.safeParse({ prompt: 'x', history: [{ role: 'system', content: 'x' }] }).success,
    ).toBe(false)
    expect(aiChat.config.safeParse({ prompt: 'x', history: [{ role: 'user', content: 'x' }] }).success).toBe(
      true,
    )
  })

  it('runs offline on the demo model', async () => {
    const ctx = demoContext()
    const out = await runNode(aiChat, { prompt: '请总结：\n今天下雨了。明天会放晴。' }, { inputs: {} }, ctx)
    expect(out).toMatchObject({
      provider: 'demo',
      model: 'demo-chat',
      text: expect.stringContaining('今天下雨了'),
    })
    expect(ctx.chunks.length).toBeGreaterThan(1)
  })
})

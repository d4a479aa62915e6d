import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import type { NodeChunk } from '@zhiliu/nodes'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createModelGateway } from './create-model-gateway.ts'
import { providerAt } from './fake-provider.ts'
import { REPAIR_MARKER } from './structured-chat.ts'

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

const signal = new AbortController().signal
const schema = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' } },
  required: ['name', 'age'],
  additionalProperties: false,
}
const request = {
  messages: [
    { role: 'system' as const, content: '你是信息抽取助手。' },
    { role: 'user' as const, content: '我叫李雷，今年十八岁。' },
  ],
  responseFormat: { type: 'json_schema' as const, name: 'person', schema },
}
const deepseek = () => createModelGateway({ resolveProvider: () => providerAt(fake, 'deepseek') })
type Sent = { messages: { role: string; content: string }[] }

describe('structured output', () => {
  it('returns the parsed object, a fenced answer included, in one call when it is valid', async () => {
    fake.script({ content: '```json\n{"name":"李雷","age":18}\n```' })
    const out = await deepseek().chat(request, signal)
    expect(out.data).toEqual({ name: '李雷', age: 18 })
    expect(fake.requests).toHaveLength(1)
  })

  it('asks once for a repair, quoting the problem and the bad answer, then succeeds', async () => {
    fake.script(
      {
        reasoning: '年龄写成汉字更自然。',
        content: '{"name":"李雷","age":"十八"}',
        usage: { prompt_tokens: 50, completion_tokens: 10, reasoning_tokens: 4 },
      },
      { content: '{"name":"李雷","age":18}', usage: { prompt_tokens: 80, completion_tokens: 9 } },
    )
    const chunks: NodeChunk[] = []
    const out = await deepseek().chat(request, signal, (c) => chunks.push(c))
    expect(out.data).toEqual({ name: '李雷', age: 18 })
    expect(out.usage).toEqual({ promptTokens: 130, completionTokens: 19, reasoningTokens: 4 })
    const repair = (fake.bodyOf(1) as Sent).messages
    // DeepSeek's thinking mode checks that the turn it is asked to fix still carries its thinking.
    expect(repair.at(-2)).toEqual({
      role: 'assistant',
      content: '{"name":"李雷","age":"十八"}',
      reasoning_content: '年龄写成汉字更自然。',
    })
    expect(repair.at(-1)?.role).toBe('user')
    expect(repair.at(-1)?.content).toContain(REPAIR_MARKER)
    expect(repair.at(-1)?.content).toMatch(/age: Invalid input: expected (int|number)/)
    expect(chunks.some((c) => c.channel === 'progress')).toBe(true)
  })

  it('fails clearly when the repaired answer is still wrong, after exactly two requests', async () => {
    fake.script({ content: 'not json at all' }, { content: '{"name":"李雷"}' })
    const err = await deepseek()
      .chat(request, signal)
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'MODEL_OUTPUT_INVALID', retryable: false })
    expect((err as Error).message).toMatch(
      /^DeepSeek \(deepseek-chat\): the answer did not match .* even after one request to fix it: .*age/,
    )
    expect(fake.requests).toHaveLength(2)
  })

  it('uses json_schema where the provider supports it, without the schema in the prompt', async () => {
    const gateway = createModelGateway({ resolveProvider: () => providerAt(fake, 'openai') })
    const out = await gateway.chat(request, signal)
    expect(out.data).toEqual({ name: 'sample', age: 1 })
    const body = fake.bodyOf(0) as Sent & { response_format: unknown }
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } })
    expect(body.messages[0]?.content).toBe('你是信息抽取助手。')
  })

  it('in JSON mode without a schema, accepts any JSON object', async () => {
    const out = await deepseek().chat({ ...request, responseFormat: { type: 'json_object' } }, signal)
    expect(out.data).toEqual({ answer: 'Fake answer: 我叫李雷，今年十八岁。' })
  })
})

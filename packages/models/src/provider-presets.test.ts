import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createModelGateway } from './create-model-gateway.ts'
import { providerAt } from './fake-provider.ts'
import { ProviderPreset, presetForBaseURL, providerPresets } from './provider-presets.ts'

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

const signal = new AbortController().signal
const schema = {
  type: 'object',
  properties: { title: { type: 'string' } },
  required: ['title'],
  additionalProperties: false,
}
const networked = providerPresets.filter((p) => p.id !== 'demo')

describe('provider presets', () => {
  it('are valid, unique, and each names its default model first', () => {
    expect(new Set(providerPresets.map((p) => p.id)).size).toBe(providerPresets.length)
    for (const preset of providerPresets) expect(ProviderPreset.parse(preset)).toEqual(preset)
    expect(providerPresets.find((p) => p.id === 'demo')?.label['zh-CN']).toBe('演示模型（离线）')
  })

  it.each(networked.map((p) => [p.id, p] as const))(
    '%s: path, key, streaming, token limit and JSON format',
    async (id, preset) => {
      const gateway = createModelGateway({ resolveProvider: () => providerAt(fake, id) })
      fake.script({ content: '{"title":"好标题"}' })
      const model = preset.models[0] ?? 'some-model'
      const out = await gateway.chat(
        {
          model,
          maxTokens: 300,
          temperature: 0.2,
          messages: [{ role: 'user', content: '标题？' }],
          responseFormat: { type: 'json_schema', name: 'result', schema },
        },
        signal,
      )
      expect(out.data).toEqual({ title: '好标题' })
      const request = fake.requests[0]
      const basePath = preset.baseURL ? new URL(preset.baseURL).pathname.replace(/\/$/, '') : '/v1'
      expect(request?.path).toBe(`${basePath}/chat/completions`)
      expect(request?.headers.authorization).toBe('Bearer sk-fake-key')
      const body = request?.body as Record<string, unknown>
      expect(body).toMatchObject({
        model,
        temperature: 0.2,
        stream: true,
        stream_options: { include_usage: true },
      })
      // OpenAI's newer models refuse max_tokens; the compatible providers only know it.
      expect(body[preset.maxTokensField]).toBe(300)
      expect(Object.keys(body).filter((k) => k.startsWith('max_'))).toEqual([preset.maxTokensField])
      const format = body.response_format as { type: string; json_schema?: { strict?: boolean } } | undefined
      if (preset.capabilities.jsonSchema) {
        expect(format).toMatchObject({
          type: 'json_schema',
          json_schema: { name: 'result', schema, strict: true },
        })
      } else {
        // No json_schema: JSON mode where there is one, and the schema goes into the (single, first) system message.
        expect(format?.type).toBe(preset.capabilities.jsonMode ? 'json_object' : undefined)
        const messages = body.messages as { role: string; content: string }[]
        expect(messages[0]?.role).toBe('system')
        expect(messages[0]?.content).toContain(JSON.stringify(schema))
        expect(messages.filter((m) => m.role === 'system')).toHaveLength(1)
      }
    },
  )

  it.each(networked.map((p) => [p.id, p] as const))(
    "%s: an earlier turn's reasoning goes back only where the provider checks for it",
    async (id, preset) => {
      const gateway = createModelGateway({ resolveProvider: () => providerAt(fake, id) })
      fake.script({ content: '第二轮回答' })
      await gateway.chat(
        {
          model: preset.models[0] ?? 'some-model',
          messages: [
            { role: 'user', content: '9.11 和 9.9 哪个大？' },
            { role: 'assistant', content: '9.9 更大。', reasoning: '比较小数部分：0.9 > 0.11。' },
            { role: 'assistant', content: '（没有记录思考的一轮）' },
            { role: 'user', content: '为什么？' },
          ],
        },
        signal,
      )
      const sent = (fake.bodyOf(0) as { messages: Record<string, unknown>[] }).messages
      const assistants = sent.filter((m) => m.role === 'assistant')
      if (preset.echoReasoning) {
        expect(assistants.map((m) => m.reasoning_content)).toEqual(['比较小数部分：0.9 > 0.11。', ''])
      } else {
        for (const m of assistants) expect(m).not.toHaveProperty('reasoning_content')
      }
      expect(assistants.map((m) => m.content)).toEqual(['9.9 更大。', '（没有记录思考的一轮）'])
    },
  )

  it('recognise a provider by its base URL, with or without /v1 and a trailing slash', () => {
    expect(presetForBaseURL('https://api.deepseek.com/v1')?.id).toBe('deepseek')
    expect(presetForBaseURL('https://dashscope.aliyuncs.com/compatible-mode/v1/')?.id).toBe('dashscope')
    expect(presetForBaseURL('http://127.0.0.1:11434/v1')?.id).toBe('ollama')
    expect(presetForBaseURL('https://llm.example.edu/v1')).toBeUndefined()
  })
})

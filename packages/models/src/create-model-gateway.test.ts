import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import type { NodeChunk } from '@zhiliu/nodes'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createModelGateway } from './create-model-gateway.ts'
import { providerAt } from './fake-provider.ts'
import type { ResolvedProvider } from './resolved-provider.ts'

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

const signal = new AbortController().signal
const user = (content: string) => [{ role: 'user' as const, content }]

function gatewayFor(
  provider: ResolvedProvider,
  extra: Partial<Parameters<typeof createModelGateway>[0]> = {},
) {
  return createModelGateway({ resolveProvider: () => provider, ...extra })
}

describe('chat through the openai SDK', () => {
  it('streams by default, asking for usage, with the provider default model', async () => {
    const gateway = gatewayFor(providerAt(fake, 'deepseek'))
    const out = await gateway.chat({ messages: user('你好') }, signal)
    expect(out).toMatchObject({ text: 'Fake answer: 你好', model: 'deepseek-chat', provider: 'deepseek' })
    expect(fake.requests[0]?.body).toMatchObject({
      model: 'deepseek-chat',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: '你好' }],
    })
    expect(out.usage).toEqual({ promptTokens: 2, completionTokens: 15 })
  })

  it('forwards answer and reasoning on separate channels, in order, and never mixes them', async () => {
    fake.script({ content: '北京是首都', reasoning: '用户问首都' })
    const chunks: NodeChunk[] = []
    const out = await gatewayFor(providerAt(fake, 'deepseek')).chat(
      { model: 'deepseek-reasoner', messages: user('中国的首都？') },
      signal,
      (c) => chunks.push(c),
    )
    expect(chunks).toEqual([
      { channel: 'reasoning', text: '用户问首' },
      { channel: 'reasoning', text: '都' },
      { channel: 'text', text: '北京是首' },
      { channel: 'text', text: '都' },
    ])
    expect(out.text).toBe('北京是首都')
    expect(out.reasoning).toBe('用户问首都')
    expect(out.usage.reasoningTokens).toBe(5)
  })

  it('moves a leading <think> block out of the answer into reasoning (a keyless local Ollama)', async () => {
    const ollama = await startFakeOpenAI({ apiKey: null })
    ollama.script({ content: '<think>先算一下\n</think>\n\n答案是 42', reasoning: '' })
    const chunks: NodeChunk[] = []
    const out = await gatewayFor(providerAt(ollama, 'ollama', { apiKey: '' }))
      .chat({ model: 'deepseek-r1:7b', messages: user('q') }, signal, (c) => chunks.push(c))
      .finally(() => ollama.close())
    expect(out.text).toBe('答案是 42')
    expect(out.reasoning).toBe('先算一下\n')
    expect(
      chunks
        .filter((c) => c.channel === 'text')
        .map((c) => c.text)
        .join(''),
    ).toBe('答案是 42')
  })

  it('asks for one whole answer where the provider cannot stream, still passing it to onChunk', async () => {
    const base = providerAt(fake, 'custom')
    const provider = {
      ...base,
      preset: { ...base.preset, capabilities: { ...base.preset.capabilities, streaming: false } },
    }
    const chunks: NodeChunk[] = []
    const out = await gatewayFor(provider, {}).chat(
      { model: 'local-llm', messages: user('hi') },
      signal,
      (c) => chunks.push(c),
    )
    expect(fake.requests[0]?.body).not.toHaveProperty('stream', true)
    expect(out.text).toBe('Fake answer: hi')
    expect(chunks).toEqual([{ channel: 'text', text: 'Fake answer: hi' }])
  })

  it('sends images as image_url parts', async () => {
    const out = await gatewayFor(providerAt(fake, 'dashscope')).chat(
      {
        model: 'qwen-vl-plus',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: '图里有什么' },
              { type: 'image', url: 'https://example.com/cat.png' },
            ],
          },
        ],
      },
      signal,
    )
    expect(out.text).toBe('Fake answer: 图里有什么 [saw 1 image]')
    expect(fake.requests[0]?.body).toMatchObject({
      messages: [
        {
          content: [
            { type: 'text' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          ],
        },
      ],
    })
  })

  it('refuses images for a provider that cannot read them, before any request', async () => {
    const request = {
      messages: [{ role: 'user' as const, content: [{ type: 'image' as const, url: 'https://x/y.png' }] }],
    }
    await expect(gatewayFor(providerAt(fake, 'deepseek')).chat(request, signal)).rejects.toMatchObject({
      code: 'MODEL_CAPABILITY_MISSING',
    })
    expect(fake.requests).toEqual([])
  })
})

describe('usage, cost and budget', () => {
  it('prices each call from the table in CNY and USD and totals the run', async () => {
    fake.script(
      { content: 'a', usage: { prompt_tokens: 1_000_000, completion_tokens: 500_000 } },
      { content: 'b', usage: { prompt_tokens: 200_000, completion_tokens: 100_000 } },
    )
    const prices = { 'deepseek-chat': { cny: { input: 2, output: 3 }, usd: { input: 0.28, output: 0.42 } } }
    const gateway = gatewayFor(providerAt(fake, 'deepseek'), { prices })
    const first = await gateway.chat({ messages: user('x') }, signal)
    expect(first.cost).toEqual({ cny: 3.5, usd: 0.49 })
    const second = await gateway.chat({ messages: user('y') }, signal)
    expect(second.cost).toEqual({ cny: 0.7, usd: 0.098 })
    expect(gateway.usage()).toMatchObject({ calls: 2, promptTokens: 1_200_000, completionTokens: 600_000 })
    expect(gateway.usage().cost.cny).toBeCloseTo(4.2, 8)
  })

  it('leaves cost out for a model without a price', async () => {
    const out = await gatewayFor(providerAt(fake, 'custom')).chat(
      { model: 'my-own-model', messages: user('x') },
      signal,
    )
    expect(out.cost).toBeUndefined()
  })

  it('fails the call that takes the run over its token budget, and refuses the next one without sending it', async () => {
    fake.script(
      { content: 'ok', usage: { prompt_tokens: 60, completion_tokens: 10 } },
      { content: 'over', usage: { prompt_tokens: 60, completion_tokens: 10 } },
    )
    const gateway = gatewayFor(providerAt(fake, 'deepseek'), { budget: { maxTokens: 100 } })
    await gateway.chat({ messages: user('1') }, signal)
    const err = await gateway.chat({ messages: user('2') }, signal).catch((e: unknown) => e)
    expect(err).toMatchObject({
      code: 'TOKEN_BUDGET_EXCEEDED',
      retryable: false,
      details: { usedTokens: 140, maxTokens: 100 },
    })
    expect((err as Error).message).toMatch(
      /140 tokens, more than its budget of 100 .*DeepSeek \(deepseek-chat\)/,
    )
    await expect(gateway.chat({ messages: user('3') }, signal)).rejects.toMatchObject({
      code: 'TOKEN_BUDGET_EXCEEDED',
    })
    expect(fake.requests).toHaveLength(2)
  })

  it('counts what a resumed run spent before its restart against the same budget', async () => {
    fake.script({ content: 'ok', usage: { prompt_tokens: 30, completion_tokens: 10 } })
    const resumed = gatewayFor(providerAt(fake, 'deepseek'), { budget: { maxTokens: 100, usedBefore: 70 } })
    await expect(resumed.chat({ messages: user('1') }, signal)).rejects.toMatchObject({
      code: 'TOKEN_BUDGET_EXCEEDED',
      details: { usedTokens: 110, maxTokens: 100 },
    })
    const spent = gatewayFor(providerAt(fake, 'deepseek'), { budget: { maxTokens: 100, usedBefore: 100 } })
    await expect(spent.chat({ messages: user('2') }, signal)).rejects.toMatchObject({
      code: 'TOKEN_BUDGET_EXCEEDED',
    })
    expect(fake.requests).toHaveLength(1)
  })
})

describe('images', () => {
  it('generates with the preset image model and reads base64 back', async () => {
    const out = await gatewayFor(providerAt(fake, 'openai')).image({ prompt: '一只橘猫' }, signal)
    expect(out).toMatchObject({
      provider: 'openai',
      model: 'gpt-image-1',
      images: [{ mimeType: 'image/png' }],
    })
    expect(out.images[0]?.base64).toMatch(/^iVBOR/)
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/images/generations',
      body: { model: 'gpt-image-1', prompt: '一只橘猫' },
    })
  })

  it('says which provider cannot generate images', async () => {
    await expect(gatewayFor(providerAt(fake, 'deepseek')).image({ prompt: 'x' }, signal)).rejects.toThrow(
      /DeepSeek cannot generate images/,
    )
  })
})

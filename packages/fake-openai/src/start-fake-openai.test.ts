import OpenAI, { toFile } from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FAKE_PNG } from './media-endpoints.ts'
import { type FakeOpenAI, startFakeOpenAI } from './start-fake-openai.ts'

let fake: FakeOpenAI
let client: OpenAI

beforeAll(async () => {
  fake = await startFakeOpenAI({ models: ['gpt-4o-mini', 'deepseek-reasoner'] })
  client = new OpenAI({ baseURL: fake.url, apiKey: 'sk-fake-key', maxRetries: 0 })
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

const ask = (content: string) => [{ role: 'user' as const, content }]

async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(err instanceof Error)) throw new Error('expected the call to fail')
  return err as Error & Record<string, unknown>
}

describe('the fake OpenAI server, through the real SDK', () => {
  it('lists its models and refuses a wrong key with the real 401 error body', async () => {
    const models = await client.models.list()
    expect(models.data.map((m) => m.id)).toEqual(['gpt-4o-mini', 'deepseek-reasoner'])
    const wrong = new OpenAI({ baseURL: fake.url, apiKey: 'sk-wrong-key-123', maxRetries: 0 })
    const err = await rejection(wrong.chat.completions.create({ model: 'gpt-4o-mini', messages: ask('hi') }))
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError)
    expect(err).toMatchObject({ status: 401, code: 'invalid_api_key' })
    expect(err.message).not.toContain('sk-wrong-key-123')
  })

  it('answers deterministically from the request and records what it received', async () => {
    const done = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: ask('你好，世界') })
    expect(done.choices[0]?.message.content).toBe('Fake answer: 你好，世界')
    expect(done.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 18 })
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { authorization: 'Bearer sk-fake-key' },
      body: { model: 'gpt-4o-mini', messages: ask('你好，世界') },
    })
  })

  it('streams reasoning before content, then usage and [DONE] when usage is asked for', async () => {
    fake.script({ content: '答案是四十二', reasoning: '先想一想' })
    const stream = await client.chat.completions.create({
      model: 'deepseek-reasoner',
      messages: ask('q'),
      stream: true,
      stream_options: { include_usage: true },
    })
    const events: string[] = []
    let usage: unknown
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined
      if (delta?.reasoning_content) events.push(`r:${delta.reasoning_content}`)
      if (delta?.content) events.push(`c:${delta.content}`)
      if (chunk.choices[0]?.finish_reason) events.push(`finish:${chunk.choices[0].finish_reason}`)
      if (chunk.usage) usage = chunk.usage
    }
    expect(events).toEqual(['r:先想一想', 'c:答案是四', 'c:十二', 'finish:stop'])
    expect(usage).toMatchObject({
      prompt_tokens: 1,
      completion_tokens: 10,
      completion_tokens_details: { reasoning_tokens: 4 },
    })
  })

  it('writes the SSE wire format: data lines and a closing [DONE]', async () => {
    const res = await fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-fake-key', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: ask('hi'), stream: true }),
    })
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const events = (await res.text()).split('\n\n').filter(Boolean)
    expect(events.every((e) => e.startsWith('data: '))).toBe(true)
    expect(events.at(-1)).toBe('data: [DONE]')
    expect(events.some((e) => e.includes('"usage"'))).toBe(false)
  })

  it('answers json_schema with an object of the schema and json_object with JSON', async () => {
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        n: { type: 'integer' },
      },
      required: ['title', 'tags', 'n'],
      additionalProperties: false,
    }
    const shaped = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: ask('x'),
      response_format: { type: 'json_schema', json_schema: { name: 'out', schema, strict: true } },
    })
    expect(JSON.parse(shaped.choices[0]?.message.content ?? '')).toEqual({
      title: 'sample',
      tags: ['sample'],
      n: 1,
    })
    const loose = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: ask('y'),
      response_format: { type: 'json_object' },
    })
    expect(JSON.parse(loose.choices[0]?.message.content ?? '')).toEqual({ answer: 'Fake answer: y' })
  })

  it('accepts image content parts', async () => {
    const done = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: '这是什么？' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
      ],
    })
    expect(done.choices[0]?.message.content).toBe('Fake answer: 这是什么？ [saw 1 image]')
  })

  it('generates images as base64 or as a URL it serves', async () => {
    const b64 = await client.images.generate({ model: 'gpt-image-1', prompt: '一只猫' })
    expect(Buffer.from(b64.data?.[0]?.b64_json ?? '', 'base64')).toEqual(FAKE_PNG)
    const byUrl = await client.images.generate({
      model: 'dall-e-3',
      prompt: '一只猫',
      response_format: 'url',
    })
    const image = await fetch(byUrl.data?.[0]?.url ?? '')
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await image.arrayBuffer())).toEqual(FAKE_PNG)
  })

  it('transcribes a multipart upload and speaks text', async () => {
    const file = await toFile(Buffer.from('RIFF-fake-wave'), 'memo.wav', { type: 'audio/wav' })
    const transcript = await client.audio.transcriptions.create({ model: 'whisper-1', file })
    expect(transcript.text).toBe('Fake transcript of memo.wav (14 bytes)')
    expect(fake.requests[0]?.body).toMatchObject({ model: 'whisper-1', file: { name: 'memo.wav', size: 14 } })
    const speech = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: '早上好' })
    expect(Buffer.from(await speech.arrayBuffer()).toString()).toBe('FAKE-AUDIO voice=alloy: 早上好')
  })
})

describe('scripted faults', () => {
  it('429 carries Retry-After; 500 is a server error; an unknown model is 404 model_not_found', async () => {
    fake.script({ fault: 'rate_limit', retryAfter: '7' }, { fault: 'server_error' })
    const limited = await rejection(
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: ask('a') }),
    )
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError)
    expect((limited.headers as Headers).get('retry-after')).toBe('7')
    const broken = await rejection(
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: ask('a') }),
    )
    expect(broken).toBeInstanceOf(OpenAI.InternalServerError)
    const missing = await rejection(client.chat.completions.create({ model: 'gpt-9', messages: ask('a') }))
    expect(missing).toMatchObject({ status: 404, code: 'model_not_found' })
  })

  it('sends cut-off JSON, and a stream event that is not JSON', async () => {
    fake.script({ fault: 'invalid_json' }, { fault: 'invalid_json' })
    await expect(
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: ask('a') }),
    ).rejects.toThrow(SyntaxError)
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: ask('a'),
      stream: true,
    })
    await expect(async () => {
      for await (const _ of stream) {
      }
    }).rejects.toThrow(SyntaxError)
  })

  it('cuts a stream by destroying the socket after the scripted number of chunks', async () => {
    fake.script({ content: 'abcdefghijkl', cutAfterChunks: 1 })
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: ask('a'),
      stream: true,
    })
    const seen: string[] = []
    const err = await rejection(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '')
      })(),
    )
    expect(seen.join('')).toBe('abcd')
    expect(err.message).toMatch(/terminated/)
  })

  it('waits before the headers and between chunks when told to be slow', async () => {
    fake.script({ delayMs: 150 }, { chunkDelayMs: 40, content: 'abcdefgh' })
    const started = Date.now()
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: ask('a') })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: ask('a'),
      stream: true,
    })
    const times: number[] = []
    for await (const _ of stream) times.push(Date.now())
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(100)
  })

  it('serves any base-URL prefix, as providers mount the API under different paths', async () => {
    const glm = new OpenAI({ baseURL: `${fake.origin}/api/paas/v4`, apiKey: 'sk-fake-key', maxRetries: 0 })
    await glm.chat.completions.create({ model: 'gpt-4o-mini', messages: ask('a') })
    expect(fake.requests[0]?.path).toBe('/api/paas/v4/chat/completions')
  })
})

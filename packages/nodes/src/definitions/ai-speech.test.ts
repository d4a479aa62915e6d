import { contextWith, demoContext, type FakeOpenAI, startFakeOpenAI } from '@zhiliu/test-models'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { aiSpeech } from './ai-speech.ts'
import { nodeError, runNode } from './test-context.ts'
import { createTestMediaStore, type TestMediaStore } from './test-media-store.ts'

let fake: FakeOpenAI
let media: TestMediaStore
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.reset()
  media = createTestMediaStore()
})

describe('ai.speech', () => {
  it('reads the text in the chosen voice, format and pace, and stores the audio', async () => {
    const config = { input: '早上好，杭州。', voice: 'nova', format: 'opus', speed: 1.5 }
    const out = aiSpeech.output.parse(
      await runNode(aiSpeech, config, { inputs: {} }, contextWith(fake, 'openai', { media })),
    )
    const id = out.audio.id
    // Counted in the run like a chat call: no tokens, and tts-1's $15 per million characters (seven here).
    expect(out).toEqual({
      audio: { url: `memory://media/${id}`, mimeType: 'audio/mpeg', id },
      model: 'tts-1',
      provider: 'openai',
      usage: { promptTokens: 0, completionTokens: 0 },
      cost: { cny: 0.000756, usd: 0.000105 },
    })
    expect(id).toMatch(/\.mp3$/)
    expect(Buffer.from(media.stored.get(id)?.bytes ?? []).toString()).toBe(
      'FAKE-AUDIO voice=nova: 早上好，杭州。',
    )
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/audio/speech',
      body: { model: 'tts-1', voice: 'nova', input: '早上好，杭州。', response_format: 'opus', speed: 1.5 },
    })
  })

  it('stores the audio once when the node runs again under the same idempotency key', async () => {
    const ctx = contextWith(fake, 'openai', { media })
    const first = await runNode(aiSpeech, { input: '一' }, { inputs: {} }, ctx)
    const retried = await runNode(aiSpeech, { input: '一' }, { inputs: {} }, ctx)
    expect(retried).toEqual(first)
    expect(media.stored.size).toBe(1)
  })

  it('says so, without calling anyone, when the provider cannot speak', async () => {
    const err = await nodeError(
      runNode(aiSpeech, { input: '你好' }, { inputs: {} }, contextWith(fake, 'moonshot', { media })),
    )
    expect(err).toMatchObject({
      code: 'MODEL_CAPABILITY_MISSING',
      message: expect.stringMatching(/^Kimi cannot turn text into speech/),
    })
    expect(fake.requests).toEqual([])
  })

  it('fails retryably on a provider error and for good on a reply that is not audio, storing nothing', async () => {
    fake.script({ fault: 'server_error', status: 503 }, { fault: 'invalid_json' })
    const ctx = contextWith(fake, 'siliconflow', { media })
    expect(await nodeError(runNode(aiSpeech, { input: '你好' }, { inputs: {} }, ctx))).toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      retryable: true,
    })
    expect(await nodeError(runNode(aiSpeech, { input: '你好' }, { inputs: {} }, ctx))).toMatchObject({
      code: 'MODEL_BAD_RESPONSE',
    })
    expect(media.stored.size).toBe(0)
  })

  it('refuses empty text and a pace out of range', async () => {
    const err = await nodeError(
      runNode(aiSpeech, { input: ' ' }, { inputs: {} }, contextWith(fake, 'openai', { media })),
    )
    expect(err.code).toBe('AI_INPUT_EMPTY')
    expect(aiSpeech.config.safeParse({ input: 'x', speed: 5 }).success).toBe(false)
  })

  it('runs offline on the demo model, storing a WAV', async () => {
    const out = aiSpeech.output.parse(
      await runNode(aiSpeech, { input: '你好' }, { inputs: {} }, demoContext({ media })),
    )
    expect(out).toMatchObject({ provider: 'demo', model: 'demo-speech', audio: { mimeType: 'audio/wav' } })
  })
})

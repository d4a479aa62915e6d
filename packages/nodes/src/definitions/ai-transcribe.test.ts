import { fakeSeconds } from '@zhiliu/fake-openai'
import { contextWith, demoContext, type FakeOpenAI, startFakeOpenAI } from '@zhiliu/test-models'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FetchLike } from '../context.ts'
import { aiSpeech } from './ai-speech.ts'
import { aiTranscribe } from './ai-transcribe.ts'
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

const MP3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(61)])
const audioAt =
  (bytes: Buffer, type: string): FetchLike =>
  async () =>
    new Response(new Uint8Array(bytes), { headers: { 'content-type': type } })

describe('ai.transcribe', () => {
  it('downloads audio from an address and uploads it named by its real format, with language and prompt', async () => {
    fake.script({ content: '今天杭州多云。' })
    const ctx = contextWith(fake, 'openai', { media, fetch: audioAt(MP3, 'application/octet-stream') })
    const config = { audio: 'https://cdn.example.com/memo', language: 'zh', prompt: '杭州' }
    const out = await runNode(aiTranscribe, config, { inputs: {} }, ctx)
    // whisper-1 says how long the recording was; it is billed $0.006 a minute.
    const seconds = fakeSeconds(MP3.length)
    expect(out).toEqual({
      text: '今天杭州多云。',
      language: 'zh',
      durationSeconds: seconds,
      model: 'whisper-1',
      provider: 'openai',
      usage: { promptTokens: 0, completionTokens: 0 },
      cost: { cny: expect.any(Number), usd: Math.round((seconds / 60) * 0.006 * 1e8) / 1e8 },
    })
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/audio/transcriptions',
      body: {
        model: 'whisper-1',
        language: 'zh',
        prompt: '杭州',
        file: { name: 'audio.mp3', size: MP3.length, type: 'audio/mpeg' },
      },
    })
  })

  it('reads audio an earlier node stored, by its address, its id or the whole stored file', async () => {
    const saved = await media.save({ key: 'run:speak#0', bytes: MP3, mimeType: 'audio/mpeg' })
    const ctx = contextWith(fake, 'siliconflow', { media })
    for (const audio of [saved.url, saved.id, { url: saved.url, mimeType: saved.mimeType, id: saved.id }]) {
      const out = await runNode(aiTranscribe, { audio }, { inputs: {} }, ctx)
      expect(out).toMatchObject({
        text: `Fake transcript of audio.mp3 (${MP3.length} bytes)`,
        provider: 'siliconflow',
      })
    }
    expect(fake.requests.map((r) => (r.body as { model: string }).model)).toEqual(
      Array(3).fill('FunAudioLLM/SenseVoiceSmall'),
    )
  })

  it('takes a recording a webhook sent inline as a base64 data: URL', async () => {
    fake.script({ content: '物业通知：明天停水。' })
    const ctx = contextWith(fake, 'openai', { media, fetch })
    const audio = `data:audio/mpeg;base64,${MP3.toString('base64')}`
    const out = await runNode(aiTranscribe, { audio }, { inputs: {} }, ctx)
    expect(out).toMatchObject({ text: '物业通知：明天停水。' })
    expect(fake.requests[0]?.body).toMatchObject({
      file: { name: 'audio.mp3', size: MP3.length, type: 'audio/mpeg' },
    })
    const notBase64 = await nodeError(
      runNode(aiTranscribe, { audio: 'data:audio/mpeg,ID3' }, { inputs: {} }, ctx),
    )
    expect(notBase64.code).toBe('AI_AUDIO_INVALID')
    const huge = `data:audio/mpeg;base64,${'A'.repeat(36 * 1024 * 1024)}`
    const tooLarge = await nodeError(runNode(aiTranscribe, { audio: huge }, { inputs: {} }, ctx))
    expect(tooLarge.code).toBe('MEDIA_TOO_LARGE')
    expect(fake.requests).toHaveLength(1)
  })

  it('refuses what is not audio, or not an address or stored file, before calling the model', async () => {
    const ctx = contextWith(fake, 'openai', { media, fetch })
    const image = await nodeError(
      runNode(aiTranscribe, { audio: `${fake.origin}/files/picture.png` }, { inputs: {} }, ctx),
    )
    expect(image).toMatchObject({ code: 'AI_AUDIO_INVALID', message: expect.stringContaining('image/png') })
    const path = await nodeError(runNode(aiTranscribe, { audio: '/etc/passwd' }, { inputs: {} }, ctx))
    expect(path.code).toBe('AI_AUDIO_INVALID')
    const missing = await nodeError(
      runNode(aiTranscribe, { audio: `${'a'.repeat(32)}.mp3` }, { inputs: {} }, ctx),
    )
    expect(missing.code).toBe('MEDIA_NOT_FOUND')
    const language = await nodeError(
      runNode(aiTranscribe, { audio: 'https://x.example/a.mp3', language: 'Chinese' }, { inputs: {} }, ctx),
    )
    expect(language.code).toBe('AI_LANGUAGE_INVALID')
    expect(fake.requests.filter((r) => r.method === 'POST')).toEqual([])
  })

  it('says which provider cannot transcribe, and fails on a 500 or a reply that is not JSON', async () => {
    const ctx = (preset: string) => contextWith(fake, preset, { media, fetch: audioAt(MP3, 'audio/mpeg') })
    const config = { audio: 'https://cdn.example.com/a.mp3' }
    const missing = await nodeError(runNode(aiTranscribe, config, { inputs: {} }, ctx('zhipu')))
    expect(missing).toMatchObject({
      code: 'MODEL_CAPABILITY_MISSING',
      message: expect.stringContaining('Zhipu GLM cannot transcribe audio'),
    })
    fake.script({ fault: 'server_error' }, { fault: 'invalid_json' })
    expect(await nodeError(runNode(aiTranscribe, config, { inputs: {} }, ctx('openai')))).toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      retryable: true,
    })
    expect(await nodeError(runNode(aiTranscribe, config, { inputs: {} }, ctx('openai')))).toMatchObject({
      code: 'MODEL_BAD_RESPONSE',
    })
  })

  it('runs offline on the demo model: what the demo speech said comes back as text', async () => {
    const ctx = demoContext({ media })
    const spoken = aiSpeech.output.parse(
      await runNode(aiSpeech, { input: '明天有雨。' }, { inputs: {} }, ctx),
    )
    const out = aiTranscribe.output.parse(
      await runNode(aiTranscribe, { audio: spoken.audio }, { inputs: {} }, ctx),
    )
    expect(out).toMatchObject({
      text: '明天有雨。',
      language: 'zh',
      model: 'demo-transcribe',
      provider: 'demo',
    })
    expect(out.durationSeconds).toBeGreaterThan(0)
    expect(out.cost).toEqual({ cny: 0, usd: 0 })
  })
})

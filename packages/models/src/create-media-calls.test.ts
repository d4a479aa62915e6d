import { type FakeOpenAI, fakeSeconds, IMAGE_TOKENS, startFakeOpenAI } from '@zhiliu/fake-openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createModelGateway } from './create-model-gateway.ts'
import { providerAt } from './fake-provider.ts'
import { completePrice } from './model-prices.ts'

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

const signal = new AbortController().signal
const gatewayAt = (presetId: string) =>
  createModelGateway({ resolveProvider: () => providerAt(fake, presetId) })
const wav = new Uint8Array(Buffer.from('RIFF\0\0\0\0WAVEfmt '))

describe('speech through the openai SDK', () => {
  it("uses the preset's speech model, voice and the asked format, and gives back the audio bytes", async () => {
    const out = await gatewayAt('openai').speech({ input: '早上好', format: 'mp3', speed: 1.25 }, signal)
    expect(out).toMatchObject({ provider: 'openai', model: 'tts-1', mimeType: 'audio/mpeg' })
    expect(Buffer.from(out.audio).toString()).toBe('FAKE-AUDIO voice=alloy: 早上好')
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/audio/speech',
      body: { model: 'tts-1', voice: 'alloy', input: '早上好', response_format: 'mp3', speed: 1.25 },
    })
  })

  it('prices speech by the characters read out, without touching the token budget', async () => {
    const gateway = gatewayAt('openai')
    const out = await gateway.speech({ input: '东莞今天晴。' }, signal)
    // tts-1: $15 per million characters; six characters.
    expect(out.cost?.usd).toBe(0.00009)
    expect(gateway.usage()).toMatchObject({ calls: 1, promptTokens: 0, completionTokens: 0, cost: out.cost })
  })

  it("names SiliconFlow's voices after the model, as its API expects", async () => {
    await gatewayAt('siliconflow').speech({ input: '你好' }, signal)
    expect(fake.requests[0]?.body).toMatchObject({
      model: 'FunAudioLLM/CosyVoice2-0.5B',
      voice: 'FunAudioLLM/CosyVoice2-0.5B:alex',
    })
  })

  it('refuses, before any request, a provider that cannot speak, naming it and the ones that can', async () => {
    const err = gatewayAt('deepseek').speech({ input: 'x', model: 'deepseek-chat' }, signal)
    await expect(err).rejects.toMatchObject({
      code: 'MODEL_CAPABILITY_MISSING',
      message: expect.stringMatching(
        /^DeepSeek \(deepseek-chat\) cannot turn text into speech.*OpenAI.*SiliconFlow/,
      ),
    })
    expect(fake.requests).toEqual([])
  })

  it('fails retryably on a server error and not on a reply that is no audio', async () => {
    fake.script({ fault: 'server_error' }, { fault: 'invalid_json' })
    await expect(gatewayAt('openai').speech({ input: 'x' }, signal)).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      retryable: true,
    })
    await expect(gatewayAt('openai').speech({ input: 'x' }, signal)).rejects.toMatchObject({
      code: 'MODEL_BAD_RESPONSE',
      retryable: false,
      message: expect.stringContaining('expected audio, got application/json'),
    })
  })
})

describe('transcription through the openai SDK', () => {
  it('uploads the audio as a named file with model, language and prompt, and reads the text', async () => {
    const out = await gatewayAt('openai').transcribe(
      { audio: wav, mimeType: 'audio/wav', filename: 'audio.wav', language: 'zh', prompt: '智流' },
      signal,
    )
    // whisper-1 reports the length it bills: $0.006 a minute.
    const seconds = fakeSeconds(wav.length)
    expect(out).toEqual({
      text: `Fake transcript of audio.wav (${wav.length} bytes)`,
      model: 'whisper-1',
      provider: 'openai',
      durationSeconds: seconds,
      cost: { cny: expect.any(Number), usd: Math.round((seconds / 60) * 0.006 * 1e8) / 1e8 },
    })
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/audio/transcriptions',
      body: {
        model: 'whisper-1',
        language: 'zh',
        prompt: '智流',
        response_format: 'json',
        file: { name: 'audio.wav', size: wav.length, type: 'audio/wav' },
      },
    })
  })

  it('gives no cost for a model billed by the minute when the provider does not say how long the audio was', async () => {
    const prices = { 'by-the-minute': completePrice({ cny: { input: 0, output: 0, audioMinute: 0.05 } }) }
    const out = await createModelGateway({
      resolveProvider: () => providerAt(fake, 'siliconflow'),
      prices,
    }).transcribe({ audio: wav, mimeType: 'audio/wav', filename: 'a.wav', model: 'by-the-minute' }, signal)
    expect(out.durationSeconds).toBeUndefined()
    expect(out.cost).toBeUndefined()
  })

  it('says which provider cannot transcribe, and reports a reply that is not JSON', async () => {
    const audio = { audio: wav, mimeType: 'audio/wav', filename: 'a.wav' }
    await expect(gatewayAt('dashscope').transcribe(audio, signal)).rejects.toMatchObject({
      code: 'MODEL_CAPABILITY_MISSING',
      message: expect.stringContaining('Qwen cannot transcribe audio'),
    })
    fake.script({ fault: 'invalid_json' })
    await expect(gatewayAt('siliconflow').transcribe(audio, signal)).rejects.toMatchObject({
      code: 'MODEL_BAD_RESPONSE',
      details: { provider: 'siliconflow', model: 'FunAudioLLM/SenseVoiceSmall' },
    })
  })
})

describe('images through the openai SDK', () => {
  it('passes on a link where the provider answers one (CogView, Kolors)', async () => {
    fake.script({ imageAs: 'url' })
    const out = await gatewayAt('zhipu').image({ prompt: '一只猫', n: 2, size: '1024x1024' }, signal)
    expect(out).toMatchObject({ provider: 'zhipu', model: 'cogview-3-flash', revisedPrompt: '一只猫' })
    expect(out.images.map((i) => i.url)).toEqual([
      `${fake.origin}/files/fake-image-1.png`,
      `${fake.origin}/files/fake-image-2.png`,
    ])
    expect(fake.requests[0]).toMatchObject({
      path: '/api/paas/v4/images/generations',
      body: { n: 2, size: '1024x1024' },
    })
  })

  it('prices gpt-image-1 by the tokens it reports, and counts them in the run', async () => {
    const gateway = gatewayAt('openai')
    const out = await gateway.image({ prompt: '东莞的早晨', n: 2 }, signal)
    const usage = { promptTokens: Math.ceil('东莞的早晨'.length / 2), completionTokens: IMAGE_TOKENS * 2 }
    expect(out).toMatchObject({ model: 'gpt-image-1', usage })
    // $5 per million prompt tokens, $40 per million image tokens.
    expect(out.cost?.usd).toBeCloseTo((usage.promptTokens * 5 + usage.completionTokens * 40) / 1e6, 8)
    expect(gateway.usage()).toMatchObject({ calls: 1, ...usage, cost: out.cost })
  })

  it('prices a per-picture model by the pictures, and leaves an unpriced one without a cost', async () => {
    const prices = {
      'per-picture': completePrice({ cny: { input: 0, output: 0, image: 0.25 } }),
    }
    const at = (model: string) =>
      createModelGateway({ resolveProvider: () => providerAt(fake, 'siliconflow'), prices }).image(
        { prompt: '海报', model, n: 3 },
        signal,
      )
    const priced = await at('per-picture')
    expect(priced.usage).toEqual({ promptTokens: 0, completionTokens: 0 })
    // Three pictures at ¥0.25, or at the dollar price converted once: 0.25 / 7.2 = 0.03472222.
    expect(priced.cost).toEqual({ cny: 0.75, usd: 0.10416666 })
    expect((await at('unknown-painter')).cost).toBeUndefined()
  })
})

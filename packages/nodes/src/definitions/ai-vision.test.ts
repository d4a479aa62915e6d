import { contextWith, type FakeOpenAI, startFakeOpenAI } from '@zhiliu/test-models'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { TINY_PNG } from '../media/media-store-contract.ts'
import { aiVision } from './ai-vision.ts'
import { nodeError, runNode } from './test-context.ts'
import { createTestMediaStore } from './test-media-store.ts'

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

describe('ai.vision', () => {
  it('sends the question and a web image address unchanged, as parts of one user message', async () => {
    const config = { image: 'https://example.com/a.jpg', prompt: '图里有几只猫？', model: 'qwen-vl-plus' }
    const out = await runNode(aiVision, config, { inputs: {} }, contextWith(fake, 'dashscope'))
    expect(out).toMatchObject({ text: 'Fake answer: 图里有几只猫？ [saw 1 image]', provider: 'dashscope' })
    expect(fake.requests[0]?.body).toMatchObject({
      messages: [
        {
          role: 'user',
          content: [{ type: 'text' }, { type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } }],
        },
      ],
    })
  })

  it('sends an image stored on this server inline as a data: URL, whichever way the flow names it', async () => {
    const media = createTestMediaStore()
    const saved = await media.save({ key: 'run:draw#0', bytes: TINY_PNG, mimeType: 'image/png' })
    const inline = `data:image/png;base64,${Buffer.from(TINY_PNG).toString('base64')}`
    const drawn = { images: [{ url: saved.url, mimeType: saved.mimeType, id: saved.id }] }
    for (const image of [saved.url, saved.id, drawn.images[0], drawn]) {
      fake.reset()
      const ctx = contextWith(fake, 'openai', { media })
      const out = await runNode(aiVision, { image, prompt: '这是什么颜色？' }, { inputs: {} }, ctx)
      expect(out).toMatchObject({ text: 'Fake answer: 这是什么颜色？ [saw 1 image]' })
      expect(fake.requests[0]?.body).toMatchObject({
        messages: [
          { role: 'user', content: [{ type: 'text' }, { type: 'image_url', image_url: { url: inline } }] },
        ],
      })
    }
  })

  it('refuses stored audio as the image, before calling the model', async () => {
    const media = createTestMediaStore()
    const wav = new TextEncoder().encode('RIFF\x24\0\0\0WAVEfmt ')
    const saved = await media.save({ key: 'k', bytes: wav, mimeType: 'audio/wav' })
    const err = await nodeError(
      runNode(aiVision, { image: saved.url }, { inputs: {} }, contextWith(fake, 'openai', { media })),
    )
    expect(err).toMatchObject({ code: 'AI_IMAGE_INVALID', message: expect.stringContaining('audio/wav') })
    expect(fake.requests).toEqual([])
  })

  it('refuses something that is not an image address before calling the model', async () => {
    const err = await nodeError(
      runNode(aiVision, { image: '/etc/passwd' }, { inputs: {} }, contextWith(fake, 'dashscope')),
    )
    expect(err.code).toBe('AI_IMAGE_INVALID')
    expect(fake.requests).toEqual([])
  })

  it('says so when the provider cannot see images', async () => {
    const err = await nodeError(
      runNode(
        aiVision,
        { image: 'https://example.com/a.jpg' },
        { inputs: {} },
        contextWith(fake, 'deepseek'),
      ),
    )
    expect(err.code).toBe('MODEL_CAPABILITY_MISSING')
  })
})

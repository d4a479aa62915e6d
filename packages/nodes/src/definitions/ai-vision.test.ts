import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { contextWith, type FakeOpenAI, startFakeOpenAI } from './ai-test-models.ts'
import { aiVision } from './ai-vision.ts'
import { nodeError, runNode } from './test-context.ts'

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

describe('ai.vision', () => {
  it('sends the question and the image as parts of one user message', async () => {
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

import { FAKE_PNG, IMAGE_TOKENS } from '@zhiliu/fake-openai'
import { contextWith, demoContext, type FakeOpenAI, startFakeOpenAI } from '@zhiliu/test-models'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FetchLike } from '../context.ts'
import { aiImage } from './ai-image.ts'
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

const fetched: string[] = []
const recordingFetch: FetchLike = (url, init) => {
  fetched.push(String(url))
  return fetch(url, init)
}
const bytesOf = (id: string | undefined) => Buffer.from(media.stored.get(id ?? '')?.bytes ?? [])

describe('ai.image', () => {
  it('generates with the provider’s image model and stores the picture, answering its lasting address', async () => {
    const ctx = contextWith(fake, 'openai', { media })
    const out = aiImage.output.parse(
      await runNode(aiImage, { prompt: '水彩西湖', size: '1024x1024' }, { inputs: {} }, ctx),
    )
    expect(out).toEqual({
      images: [{ url: `memory://media/${out.images[0]?.id}`, mimeType: 'image/png', id: out.images[0]?.id }],
      revisedPrompt: '水彩西湖',
      model: 'gpt-image-1',
      provider: 'openai',
      // Billed by tokens, as gpt-image-1 reports them; the price table's dollars per million.
      usage: { promptTokens: 2, completionTokens: IMAGE_TOKENS },
      cost: { cny: expect.any(Number), usd: (2 * 5 + IMAGE_TOKENS * 40) / 1e6 },
    })
    expect(bytesOf(out.images[0]?.id).equals(FAKE_PNG)).toBe(true)
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/images/generations',
      body: { model: 'gpt-image-1', prompt: '水彩西湖', size: '1024x1024', n: 1 },
    })
  })

  it('downloads pictures the provider only links to, through ctx.fetch, before the links expire', async () => {
    fake.script({ imageAs: 'url' })
    fetched.length = 0
    const ctx = contextWith(fake, 'zhipu', { media, fetch: recordingFetch })
    const out = aiImage.output.parse(await runNode(aiImage, { prompt: '猫', n: 2 }, { inputs: {} }, ctx))
    expect(fetched).toEqual([
      `${fake.origin}/files/fake-image-1.png`,
      `${fake.origin}/files/fake-image-2.png`,
    ])
    expect(out.images).toHaveLength(2)
    expect(out.images.map((i) => i.url)).not.toContain(fetched[0])
    for (const image of out.images) expect(bytesOf(image.id).equals(FAKE_PNG)).toBe(true)
  })

  it('stores each picture once when the node runs again under the same idempotency key', async () => {
    const ctx = contextWith(fake, 'openai', { media })
    const first = await runNode(aiImage, { prompt: '猫', n: 2 }, { inputs: {} }, ctx)
    const retried = await runNode(aiImage, { prompt: '猫', n: 2 }, { inputs: {} }, ctx)
    expect(retried).toEqual(first)
    expect(media.stored.size).toBe(2)
  })

  it('says so, without calling anyone, when the provider cannot generate images', async () => {
    const err = await nodeError(
      runNode(aiImage, { prompt: '猫' }, { inputs: {} }, contextWith(fake, 'deepseek', { media })),
    )
    expect(err).toMatchObject({ code: 'MODEL_CAPABILITY_MISSING', retryable: false })
    expect(err.message).toMatch(/^DeepSeek cannot generate images/)
    expect(fake.requests).toEqual([])
  })

  it('fails retryably on a provider error and for good on a reply that is not JSON, storing nothing', async () => {
    fake.script({ fault: 'server_error' }, { fault: 'invalid_json' })
    const ctx = contextWith(fake, 'openai', { media })
    expect(await nodeError(runNode(aiImage, { prompt: '猫' }, { inputs: {} }, ctx))).toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      retryable: true,
    })
    expect(await nodeError(runNode(aiImage, { prompt: '猫' }, { inputs: {} }, ctx))).toMatchObject({
      code: 'MODEL_BAD_RESPONSE',
      retryable: false,
    })
    expect(media.stored.size).toBe(0)
  })

  it('refuses a linked file that is not a raster image, and one past the size cap', async () => {
    const serving =
      (body: string, headers: Record<string, string>): FetchLike =>
      async () =>
        new Response(body, { headers })
    fake.script({ imageAs: 'url' }, { imageAs: 'url' })
    const svg = serving('<svg xmlns="http://www.w3.org/2000/svg"/>', { 'content-type': 'image/svg+xml' })
    const huge = serving('x', { 'content-type': 'image/png', 'content-length': String(21 * 1024 * 1024) })
    const run = (fetch: FetchLike) =>
      nodeError(
        runNode(
          aiImage,
          { prompt: '猫' },
          { inputs: {} },
          contextWith(fake, 'siliconflow', { media, fetch }),
        ),
      )
    expect((await run(svg)).code).toBe('MEDIA_TYPE_REFUSED')
    expect((await run(huge)).code).toBe('MEDIA_TOO_LARGE')
    expect(media.stored.size).toBe(0)
  })

  it('refuses a size that is not WxH before calling the model', async () => {
    const err = await nodeError(
      runNode(aiImage, { prompt: '猫', size: 'big' }, { inputs: {} }, contextWith(fake, 'openai', { media })),
    )
    expect(err.code).toBe('AI_SIZE_INVALID')
    expect(fake.requests).toEqual([])
  })

  it('runs offline on the demo model, storing a PNG', async () => {
    const out = aiImage.output.parse(
      await runNode(aiImage, { prompt: '一只猫', size: '128x128' }, { inputs: {} }, demoContext({ media })),
    )
    expect(out).toMatchObject({ provider: 'demo', model: 'demo-image', images: [{ mimeType: 'image/png' }] })
    expect(bytesOf(out.images[0]?.id).subarray(1, 4).toString()).toBe('PNG')
  })
})

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import { type NodeChunk, NodeError } from '@zhiliu/nodes'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createModelGateway } from './create-model-gateway.ts'
import { providerAt } from './fake-provider.ts'
import type { ResolvedProvider } from './resolved-provider.ts'
import { retryAfter } from './to-model-error.ts'

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI({ models: ['deepseek-chat', 'deepseek-reasoner'] })
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

const request = { messages: [{ role: 'user' as const, content: '写一段话' }] }
const gateway = (provider?: Partial<ResolvedProvider>, timeoutMs?: number) =>
  createModelGateway({ resolveProvider: () => providerAt(fake, 'deepseek', provider), timeoutMs })

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(err instanceof NodeError)) throw new Error(`expected a NodeError, got ${String(err)}`)
  return err
}

const chat = (g = gateway(), onChunk?: (c: NodeChunk) => void, signal = new AbortController().signal) =>
  g.chat(request, signal, onChunk)

describe('model failures become NodeErrors naming provider, model and reason', () => {
  it('429: retryable, with the wait the provider asked for', async () => {
    fake.script({ fault: 'rate_limit', retryAfter: '12' })
    const err = await failure(chat())
    expect(err).toMatchObject({
      code: 'MODEL_RATE_LIMITED',
      retryable: true,
      retryAfterMs: 12_000,
      details: { retryAfterMs: 12_000, status: 429 },
    })
    expect(err.message).toMatch(/^DeepSeek \(deepseek-chat\): too many requests.*wait 12 s/)
    expect(fake.requests).toHaveLength(1) // the SDK did not retry on its own
  })

  it('500: retryable MODEL_UNAVAILABLE', async () => {
    fake.script({ fault: 'server_error', status: 503 })
    expect(await failure(chat())).toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      retryable: true,
      details: { status: 503 },
    })
  })

  it('401: not retryable, saying the key was refused by the provider', async () => {
    const err = await failure(chat(gateway({ apiKey: 'sk-not-the-key' })))
    expect(err).toMatchObject({ code: 'MODEL_AUTH_FAILED', retryable: false })
    expect(err.message).toContain('the API key was refused by DeepSeek')
    expect(err.message).not.toContain('sk-not-the-key')
  })

  it('404 model_not_found: MODEL_NOT_FOUND naming the model', async () => {
    const g = createModelGateway({
      resolveProvider: () => providerAt(fake, 'deepseek', { defaultModel: 'deepseek-v9' }),
    })
    const err = await failure(chat(g))
    expect(err).toMatchObject({ code: 'MODEL_NOT_FOUND', retryable: false })
    expect(err.message).toMatch(/DeepSeek has no model "deepseek-v9"/)
  })

  it('a stream cut halfway fails the call; the partial text reached onChunk but is not an answer', async () => {
    fake.script({ content: '第一句话。第二句话。第三句话。', cutAfterChunks: 2 })
    const chunks: NodeChunk[] = []
    const err = await failure(chat(gateway(), (c) => chunks.push(c)))
    expect(err).toMatchObject({ code: 'MODEL_STREAM_CUT', retryable: true })
    expect(err.message).toMatch(/^DeepSeek \(deepseek-chat\): .*partial answer was discarded/)
    expect(chunks.map((c) => c.text).join('')).toBe('第一句话。第二句')
  })

  it('a body that is not JSON: MODEL_BAD_RESPONSE, streamed or not', async () => {
    fake.script({ fault: 'invalid_json' })
    expect(await failure(chat())).toMatchObject({ code: 'MODEL_BAD_RESPONSE', retryable: false })
    const whole = providerAt(fake, 'deepseek')
    whole.preset = { ...whole.preset, capabilities: { ...whole.preset.capabilities, streaming: false } }
    fake.script({ fault: 'invalid_json' })
    const err = await failure(
      createModelGateway({ resolveProvider: () => whole }).chat(request, new AbortController().signal),
    )
    expect(err).toMatchObject({ code: 'MODEL_BAD_RESPONSE' })
    expect(err.message).toMatch(/not valid JSON.*check the base URL/)
  })

  it('a 200 web page instead of an API answer is a bad response, not an empty answer', async () => {
    const page = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html><body>Welcome to nginx!</body></html>')
    })
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(page.address() as AddressInfo).port}`
    const provider = providerAt(fake, 'deepseek', { baseURL: url })
    provider.preset = {
      ...provider.preset,
      capabilities: { ...provider.preset.capabilities, streaming: false },
    }
    const err = await failure(
      createModelGateway({ resolveProvider: () => provider }).chat(request, new AbortController().signal),
    )
    page.close()
    expect(err).toMatchObject({ code: 'MODEL_BAD_RESPONSE' })
  })

  it('an unreachable server: retryable MODEL_UNAVAILABLE naming the host', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const err = await failure(chat(gateway({ baseURL: `http://127.0.0.1:${port}` })))
    expect(err).toMatchObject({ code: 'MODEL_UNAVAILABLE', retryable: true })
    expect(err.message).toContain(`could not reach 127.0.0.1:${port}`)
  })

  it("a refusal of the server's outbound guard stays final, not a retryable MODEL_UNAVAILABLE", async () => {
    // What the guarded fetch throws for a redirect to an internal address; the SDK wraps it as a connection error.
    const refusing = createModelGateway({
      resolveProvider: () => providerAt(fake, 'deepseek'),
      fetch: async () => {
        throw new NodeError('OUTBOUND_BLOCKED', 'Request to 10.0.0.1 blocked: it is a private address')
      },
    })
    expect(await failure(chat(refusing))).toMatchObject({ code: 'OUTBOUND_BLOCKED', retryable: false })
  })

  it('no headers within the timeout: retryable MODEL_UNAVAILABLE', async () => {
    fake.script({ delayMs: 500 })
    const err = await failure(chat(gateway({}, 100)))
    expect(err).toMatchObject({ code: 'MODEL_UNAVAILABLE', retryable: true })
    expect(err.message).toMatch(/no answer in time/)
  })
})

describe('cancellation', () => {
  it('an abort before the headers rejects with the abort reason itself', async () => {
    fake.script({ delayMs: 1000 })
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('node timed out')), 50)
    await expect(chat(gateway(), undefined, controller.signal)).rejects.toThrow('node timed out')
  })

  it('an abort mid-stream rejects too, never resolving with the partial answer', async () => {
    fake.script({ content: 'abcdefghijklmnop', chunkDelayMs: 40 })
    const controller = new AbortController()
    const chunks: NodeChunk[] = []
    const pending = chat(
      gateway(),
      (c) => {
        chunks.push(c)
        if (chunks.length === 2) controller.abort(new Error('run cancelled'))
      },
      controller.signal,
    )
    await expect(pending).rejects.toThrow('run cancelled')
    expect(chunks.length).toBeLessThan(4)
  })
})

describe('retryAfter', () => {
  it('reads retry-after-ms, seconds and HTTP dates', () => {
    expect(retryAfter(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500)
    expect(retryAfter(new Headers({ 'retry-after': '3' }))).toBe(3000)
    const inTen = new Date(Date.now() + 10_000).toUTCString()
    expect(retryAfter(new Headers({ 'retry-after': inTen }))).toBeGreaterThan(8000)
    expect(retryAfter(new Headers())).toBeUndefined()
  })
})

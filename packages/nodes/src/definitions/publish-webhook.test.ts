import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fakeSecrets } from '../publish/fake-secrets.ts'
import { publishWebhook } from './publish-webhook.ts'
import { createTestContext, nodeError, runNode } from './test-context.ts'

const KEY = Buffer.alloc(32, 7)
const SECRET = `whsec_${KEY.toString('base64')}`
const NOW = Date.parse('2025-01-02T03:04:05.000Z') // the test context's clock

interface Received {
  headers: IncomingHttpHeaders
  body: string
  /** Whether the Standard Webhooks signature verified, checked here with node:crypto as our server does. */
  verified: boolean
}

let server: Server
let base = ''
let received: Received[] = []
/** The status the receiver answers next; 200 once the queue is empty. */
let answers: Array<{ status: number; body?: unknown }> = []

function verifies(headers: IncomingHttpHeaders, body: string): boolean {
  const id = String(headers['webhook-id'])
  const timestamp = String(headers['webhook-timestamp'])
  const expected = createHmac('sha256', KEY).update(`${id}.${timestamp}.${body}`).digest()
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((entry) => {
      const given = Buffer.from(entry.replace(/^v1,/, ''), 'base64')
      return entry.startsWith('v1,') && given.length === expected.length && timingSafeEqual(given, expected)
    })
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString()
    received.push({ headers: req.headers, body, verified: verifies(req.headers, body) })
    const answer = answers.shift() ?? { status: 200, body: { ok: true } }
    res.writeHead(answer.status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(answer.body ?? {}))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  received = []
  answers = []
})

const ctx = (overrides: { idempotencyKey?: string; attempt?: number } = {}) =>
  createTestContext({
    fetch: globalThis.fetch,
    idempotencyKey: 'run_7:publish',
    secrets: fakeSecrets({ sign: { type: 'webhook.signing', fields: { secret: SECRET } } }),
    ...overrides,
  })
const send = (config: Record<string, unknown>, context = ctx()) =>
  runNode(publishWebhook, { url: `${base}/hook`, signing: 'sign', ...config }, { inputs: {} }, context)

describe('publish.webhook', () => {
  it('signs exactly the bytes it sends, Standard Webhooks style, with the idempotency key', async () => {
    const out = await send({ body: { title: '他说:"好"', tags: ['快讯'] } })
    const [hit] = received
    expect(hit?.verified).toBe(true)
    expect(hit?.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'run_7:publish',
      'webhook-timestamp': String(NOW / 1000),
    })
    expect(hit?.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/)
    expect(JSON.parse(hit?.body ?? '')).toEqual({ title: '他说:"好"', tags: ['快讯'] })
    expect(out).toEqual({
      platform: 'webhook',
      status: 200,
      sent: { title: '他说:"好"', tags: ['快讯'] },
      response: { ok: true },
      messageId: hit?.headers['webhook-id'],
      duplicate: false,
    })
  })

  it('sends the same webhook-id and Idempotency-Key on every retry of one step, another for another step', async () => {
    await send({ body: { n: 1 } }, ctx({ attempt: 1 }))
    await send({ body: { n: 1 } }, ctx({ attempt: 2 }))
    await send({ body: { n: 1 } }, ctx({ idempotencyKey: 'run_7:loop[1].publish' }))
    const ids = received.map((r) => r.headers['webhook-id'])
    expect(ids[0]).toBe(ids[1])
    expect(ids[2]).not.toBe(ids[0])
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual([
      'run_7:publish',
      'run_7:publish',
      'run_7:loop[1].publish',
    ])
  })

  it('sends JSON text as written, unsigned when no secret is chosen', async () => {
    await send({ body: '{"a": 1}', signing: '' })
    expect(received[0]?.body).toBe('{"a": 1}')
    expect(received[0]?.headers['webhook-signature']).toBeUndefined()
    expect(received[0]?.headers['webhook-id']).toMatch(/^msg_/)
  })

  it('retries 429 and 5xx (the receiver drops repeats by id) but not other 4xx', async () => {
    answers = [{ status: 429 }, { status: 502 }, { status: 422, body: { error: 'bad title' } }]
    expect(await nodeError(send({ body: { a: 1 } }))).toMatchObject({
      code: 'PUBLISH_HTTP_429',
      retryable: true,
    })
    expect(await nodeError(send({ body: { a: 1 } }))).toMatchObject({
      code: 'PUBLISH_HTTP_5XX',
      retryable: true,
    })
    expect(await nodeError(send({ body: { a: 1 } }))).toMatchObject({
      code: 'PUBLISH_HTTP_4XX',
      retryable: false,
      details: { status: 422 },
    })
  })

  it("counts our own server's SIGNATURE_REPLAYED answer as delivered: the earlier attempt arrived", async () => {
    answers = [{ status: 401, body: { error: { code: 'SIGNATURE_REPLAYED', message: 'already delivered' } } }]
    expect(await send({ body: { a: 1 } })).toMatchObject({ status: 401, duplicate: true })
    answers = [{ status: 401, body: { error: { code: 'SIGNATURE_INVALID' } } }]
    expect(await nodeError(send({ body: { a: 1 } }))).toMatchObject({ code: 'PUBLISH_HTTP_4XX' })
  })

  it('refuses an empty body, JSON text that does not parse, and a secret that is not whsec_ base64', async () => {
    expect((await nodeError(send({ body: '' }))).code).toBe('PUBLISH_CONTENT_EMPTY')
    expect((await nodeError(send({ body: '{"a": "b"c"}' }))).code).toBe('HTTP_BODY_INVALID')
    const weak = createTestContext({
      secrets: fakeSecrets({ sign: { type: 'webhook.signing', fields: { secret: 'whsec_c2hvcnQ=' } } }),
    })
    expect((await nodeError(send({ body: { a: 1 } }, weak))).code).toBe('CREDENTIAL_INVALID')
    expect(received).toEqual([])
  })
})

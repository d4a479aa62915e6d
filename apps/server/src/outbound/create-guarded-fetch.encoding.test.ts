import type { IncomingMessage } from 'node:http'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { createGuardedFetch, type GuardedFetch } from './create-guarded-fetch.ts'
import { type FakeServer, startFakeServer } from './start-fake-server.ts'

// Bodies and codings the way a caller of fetch (a node, the openai SDK, nodemailer's neighbours) expects them.
let server: FakeServer | undefined
let guardedFetch: GuardedFetch

afterEach(async () => {
  await guardedFetch?.close()
  await server?.close()
})

async function serve(handler: Parameters<typeof startFakeServer>[0]) {
  server = await startFakeServer(handler)
  guardedFetch = createGuardedFetch({ allowHosts: [`127.0.0.1:${server.port}`], maxResponseBytes: 10_000 })
  return server
}

const received = new Map<IncomingMessage, Promise<Buffer>>()
function bodyOf(req: IncomingMessage): Promise<Buffer> {
  let body = received.get(req)
  if (!body) {
    body = new Promise((resolve) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)))
    })
    received.set(req, body)
  }
  return body
}

describe('createGuardedFetch encodes request bodies as fetch does', () => {
  it('sends a string as text/plain unless the caller names a type', async () => {
    const s = await serve((req, res) => void bodyOf(req).then(() => res.end('ok')))
    await guardedFetch(s.origin, { method: 'POST', body: '你好' })
    await guardedFetch(s.origin, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    })
    expect(s.requests.map((r) => r.headers['content-type'])).toEqual([
      'text/plain;charset=UTF-8',
      'application/json',
    ])
    expect((await bodyOf(s.requests[0] as IncomingMessage)).toString()).toBe('你好')
  })

  it('sends FormData as multipart with its boundary, files included (an audio upload)', async () => {
    const s = await serve((req, res) => void bodyOf(req).then(() => res.end('ok')))
    const form = new FormData()
    form.append('model', 'whisper-1')
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/wav' }), 'clip.wav')
    await guardedFetch(s.origin, { method: 'POST', body: form })
    const req = s.requests[0] as IncomingMessage
    const type = String(req.headers['content-type'])
    expect(type).toMatch(/^multipart\/form-data; boundary=/)
    const text = (await bodyOf(req)).toString('latin1')
    expect(text).toContain('name="model"\r\n\r\nwhisper-1')
    expect(text).toContain('filename="clip.wav"')
    expect(text).toContain('Content-Type: audio/wav')
  })

  it('sends bytes and URLSearchParams as they are', async () => {
    const s = await serve((req, res) => void bodyOf(req).then(() => res.end('ok')))
    await guardedFetch(s.origin, { method: 'PUT', body: new Uint8Array([0, 255]) })
    await guardedFetch(s.origin, { method: 'POST', body: new URLSearchParams({ q: '东莞 AI' }) })
    expect([...(await bodyOf(s.requests[0] as IncomingMessage))]).toEqual([0, 255])
    expect(s.requests[1]?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8')
    expect((await bodyOf(s.requests[1] as IncomingMessage)).toString()).toBe('q=%E4%B8%9C%E8%8E%9E+AI')
  })
})

describe('createGuardedFetch decodes compressed answers as fetch does', () => {
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('asks for compression and undoes %s', async (coding, compress) => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': coding, 'content-type': 'application/json' })
      res.end(compress(Buffer.from('{"text":"智流"}')))
    })
    const response = await guardedFetch(s.origin)
    expect(await response.json()).toEqual({ text: '智流' })
    expect(s.requests[0]?.headers['accept-encoding']).toBe('gzip, deflate, br')
  })

  it('caps the decompressed size, so a small gzip bomb fails', async () => {
    const bomb = gzipSync(Buffer.alloc(1_000_000))
    expect(bomb.byteLength).toBeLessThan(10_000)
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' })
      res.end(bomb)
    })
    const response = await guardedFetch(s.origin)
    await expect(response.arrayBuffer()).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' })
  })

  it('fails an answer with a status no Response can carry as a network error', async () => {
    const s = await serve((_req, res) => res.writeHead(999).end('odd'))
    await expect(guardedFetch(s.origin)).rejects.toMatchObject({ code: 'OUTBOUND_NETWORK' })
  })

  it('gives a response without a body for HEAD and 204', async () => {
    const s = await serve((req, res) => {
      res.writeHead(req.method === 'HEAD' ? 200 : 204, { 'content-length': '0' })
      res.end()
    })
    expect((await guardedFetch(s.origin, { method: 'HEAD' })).body).toBeNull()
    const empty = await guardedFetch(s.origin, { method: 'DELETE' })
    expect(empty.status).toBe(204)
    expect(empty.body).toBeNull()
  })
})

import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { httpRequest } from './http-request.ts'
import { createTestContext, nodeError, runNode } from './test-context.ts'

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

let server: Server
let base = ''
let seen: Seen[] = []

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    })
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path === '/json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-trace': 'abc' })
      res.end('{"title":"快讯"}')
    } else if (path === '/broken-json') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{not json')
    } else if (path.startsWith('/status/')) {
      const status = Number(path.slice('/status/'.length))
      res.writeHead(status, status === 429 ? { 'retry-after': '30' } : {})
      res.end(`status ${status}`)
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('pong')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  seen = []
})

const ctx = () => createTestContext({ fetch: globalThis.fetch, idempotencyKey: 'run_1:post' })

describe('http.request', () => {
  it('GETs with query parameters and parses a JSON reply', async () => {
    const config = {
      url: `${base}/json?a=1`,
      query: [
        { key: 'q', value: '新闻 稿' },
        { key: '', value: 'ignored' },
      ],
    }
    const out = await runNode(httpRequest, config, { inputs: {} }, ctx())
    expect(out).toMatchObject({ status: 200, body: { title: '快讯' }, headers: { 'x-trace': 'abc' } })
    expect(seen[0]?.method).toBe('GET')
    expect(new URL(seen[0]?.url ?? '', base).searchParams.getAll('q')).toEqual(['新闻 稿'])
    expect(seen[0]?.url).toContain('a=1')
    expect(seen[0]?.headers['idempotency-key']).toBeUndefined()
  })

  it('POSTs a JSON body with its content type and the idempotency key', async () => {
    const config = {
      method: 'POST',
      url: `${base}/echo`,
      headers: [{ key: 'X-Source', value: 'zhiliu' }],
      bodyType: 'json',
      body: { title: '他说:"好"', n: 1 },
    }
    const out = await runNode(httpRequest, config, { inputs: {} }, ctx())
    expect(out).toMatchObject({ status: 200, body: 'pong' })
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ title: '他说:"好"', n: 1 })
    expect(seen[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'run_1:post',
      'x-source': 'zhiliu',
    })
  })

  it('sends form fields URL-encoded', async () => {
    const config = { method: 'PUT', url: `${base}/echo`, bodyType: 'form', body: { name: '李 雷', age: 18 } }
    await runNode(httpRequest, config, { inputs: {} }, ctx())
    expect(seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(Object.fromEntries(new URLSearchParams(seen[0]?.body))).toEqual({ name: '李 雷', age: '18' })
  })

  it('refuses JSON body text that does not parse, before sending anything', async () => {
    const config = { method: 'POST', url: `${base}/echo`, bodyType: 'json', body: '{"title": "a"b"}' }
    expect((await nodeError(runNode(httpRequest, config, { inputs: {} }, ctx()))).code).toBe(
      'HTTP_BODY_INVALID',
    )
    expect(seen).toEqual([])
  })

  it('fails without retry on 4xx, keeping status and reply for diagnosis', async () => {
    const err = await nodeError(runNode(httpRequest, { url: `${base}/status/404` }, { inputs: {} }, ctx()))
    expect(err).toMatchObject({
      code: 'HTTP_4XX',
      retryable: false,
      details: { status: 404, body: 'status 404' },
    })
  })

  it('fails retryably on 5xx and 429, passing Retry-After along', async () => {
    const server = await nodeError(runNode(httpRequest, { url: `${base}/status/503` }, { inputs: {} }, ctx()))
    expect(server).toMatchObject({ code: 'HTTP_5XX', retryable: true })
    const limited = await nodeError(
      runNode(httpRequest, { url: `${base}/status/429` }, { inputs: {} }, ctx()),
    )
    expect(limited).toMatchObject({
      code: 'HTTP_429',
      retryable: true,
      details: { status: 429, retryAfter: '30' },
    })
  })

  it('returns error statuses as output when told not to fail on them', async () => {
    const config = { url: `${base}/status/500`, failOnHttpError: false }
    expect(await runNode(httpRequest, config, { inputs: {} }, ctx())).toMatchObject({
      status: 500,
      body: 'status 500',
    })
  })

  it('fails retryably when the server cannot be reached', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const err = await nodeError(
      runNode(httpRequest, { url: `http://127.0.0.1:${port}/` }, { inputs: {} }, ctx()),
    )
    expect(err).toMatchObject({ code: 'HTTP_NETWORK', retryable: true })
  })

  it('lets a cancellation through as it is, not as a network error', async () => {
    const controller = new AbortController()
    controller.abort(new Error('run cancelled'))
    const cancelled = createTestContext({ fetch: globalThis.fetch, signal: controller.signal })
    await expect(runNode(httpRequest, { url: `${base}/json` }, { inputs: {} }, cancelled)).rejects.toThrow(
      'run cancelled',
    )
  })

  it('reads the reply as asked: text stays text, JSON that does not parse is an error', async () => {
    const asText = { url: `${base}/json`, responseType: 'text' }
    expect(await runNode(httpRequest, asText, { inputs: {} }, ctx())).toMatchObject({
      body: '{"title":"快讯"}',
    })
    const detected = await runNode(httpRequest, { url: `${base}/broken-json` }, { inputs: {} }, ctx())
    expect(detected).toMatchObject({ body: '{not json' })
    const demanded = { url: `${base}/broken-json`, responseType: 'json' }
    expect((await nodeError(runNode(httpRequest, demanded, { inputs: {} }, ctx()))).code).toBe(
      'HTTP_RESPONSE_INVALID',
    )
  })

  it('accepts only http and https addresses', () => {
    for (const url of ['ftp://example.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'example.com']) {
      expect(httpRequest.config.safeParse({ url }).success).toBe(false)
    }
    expect(httpRequest.sideEffects).toBe('keyed')
  })
})

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type FakeBot, startFakeWecom } from '@zhiliu/fake-im'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FetchLike } from '../context.ts'
import { NodeError } from '../errors.ts'
import { fakeSecrets } from '../publish/fake-secrets.ts'
import { publishWecom } from './publish-wecom.ts'
import { createTestContext, nodeError, runNode } from './test-context.ts'

const KEY = 'wecom-key-0001'
let bot: FakeBot

beforeAll(async () => {
  bot = await startFakeWecom({ key: KEY })
})
afterAll(() => bot.close())
beforeEach(() => bot.reset())

const ctx = (fields: Record<string, string> = { webhookUrl: bot.url }, fetch: FetchLike = globalThis.fetch) =>
  createTestContext({
    fetch,
    idempotencyKey: 'run_1:notify',
    secrets: fakeSecrets({ bot: { type: 'wecom.bot', fields } }),
  })
const send = (config: Record<string, unknown>, context = ctx()) =>
  runNode(publishWecom, { credential: 'bot', ...config }, { inputs: {} }, context)

describe('publish.wecom', () => {
  it("posts a text message with @mobile mentions in WeCom's format, carrying the idempotency key", async () => {
    const out = await send({
      content: '【快讯】东莞今日气温 30℃',
      mentionMobiles: '13800001111，13900002222',
      mentionAll: true,
    })
    const expected = {
      msgtype: 'text',
      text: {
        content: '【快讯】东莞今日气温 30℃',
        mentioned_mobile_list: ['13800001111', '13900002222', '@all'],
      },
    }
    expect(bot.delivered).toEqual([expected])
    expect(bot.requests[0]?.headers['idempotency-key']).toBe('run_1:notify')
    expect(out).toEqual({ platform: 'wecom', sent: expected, response: { errcode: 0, errmsg: 'ok' } })
  })

  it('sends Markdown and a news card as WeCom documents them', async () => {
    await send({ msgtype: 'markdown', content: '# 早报\n> 三条要闻' })
    const articles = [
      {
        title: '莞城夜市开张',
        description: '',
        url: 'https://news.example.com/a/1',
        picurl: 'https://img.example.com/1.png',
      },
      { title: '松山湖新园区', description: '摘要', url: 'https://news.example.com/a/2', picurl: '' },
    ]
    await send({ msgtype: 'news', articles })
    expect(bot.delivered).toEqual([
      { msgtype: 'markdown', markdown: { content: '# 早报\n> 三条要闻' } },
      {
        msgtype: 'news',
        news: {
          articles: [
            {
              title: '莞城夜市开张',
              url: 'https://news.example.com/a/1',
              picurl: 'https://img.example.com/1.png',
            },
            { title: '松山湖新园区', description: '摘要', url: 'https://news.example.com/a/2' },
          ],
        },
      },
    ])
  })

  it('refuses content over the byte limit before sending anything, naming the limit', async () => {
    const text = await nodeError(send({ content: '字'.repeat(683) }))
    expect(text).toMatchObject({
      code: 'PUBLISH_CONTENT_TOO_LONG',
      retryable: false,
      details: { bytes: 2049, limit: 2048 },
    })
    expect(text.message).toContain('2048 bytes')
    const markdown = await nodeError(send({ msgtype: 'markdown', content: '字'.repeat(1366) }))
    expect(markdown.details).toMatchObject({ limit: 4096 })
    const news = await nodeError(send({ msgtype: 'news', articles: [{ title: '无链接' }] }))
    expect(news.code).toBe('PUBLISH_CONTENT_EMPTY')
    expect(bot.requests).toEqual([])
  })

  it('treats HTTP 200 with a non-zero errcode as a failure that is not retried, quoting errmsg', async () => {
    const wrongKey = bot.url.replace(KEY, 'revoked-key')
    const err = await nodeError(send({ content: '你好' }, ctx({ webhookUrl: wrongKey })))
    expect(err).toMatchObject({ code: 'PUBLISH_REFUSED', retryable: false, details: { code: 93000 } })
    expect(err.message).toContain('invalid webhook url')
    expect(err.message).not.toContain('revoked-key')
  })

  it('retries only when WeCom says to try later: rate limit and busy', async () => {
    bot.script(
      { kind: 'throttle' },
      { kind: 'busy' },
      { kind: 'code', code: 40008, message: 'invalid message type' },
    )
    const limited = await nodeError(send({ content: '1' }))
    expect(limited).toMatchObject({ code: 'PUBLISH_RETRY_LATER', retryable: true, retryAfterMs: 30_000 })
    expect(await nodeError(send({ content: '2' }))).toMatchObject({
      code: 'PUBLISH_RETRY_LATER',
      retryable: true,
    })
    expect(await nodeError(send({ content: '3' }))).toMatchObject({
      code: 'PUBLISH_REFUSED',
      retryable: false,
    })
    expect(bot.delivered).toEqual([])
  })

  it('retries HTTP 500, but not 502 or 504, after which the message may already be in the group', async () => {
    bot.script(
      { kind: 'status', status: 500 },
      { kind: 'status', status: 502 },
      { kind: 'status', status: 504 },
    )
    expect(await nodeError(send({ content: '1' }))).toMatchObject({
      code: 'PUBLISH_HTTP_5XX',
      retryable: true,
    })
    expect(await nodeError(send({ content: '2' }))).toMatchObject({
      code: 'PUBLISH_OUTCOME_UNKNOWN',
      retryable: false,
    })
    expect(await nodeError(send({ content: '3' }))).toMatchObject({
      code: 'PUBLISH_OUTCOME_UNKNOWN',
      retryable: false,
    })
  })

  it('does not retry a request that timed out without a reply, saying the message may have been sent', async () => {
    bot.script({ kind: 'hang' })
    // Like the server's guarded fetch: its own timeout, separate from the node's signal.
    const impatient: FetchLike = (url, init) =>
      fetch(url, {
        ...init,
        signal: AbortSignal.any([AbortSignal.timeout(100), ...(init?.signal ? [init.signal] : [])]),
      })
    const err = await nodeError(send({ content: '可能已发出' }, ctx(undefined, impatient)))
    expect(err).toMatchObject({ code: 'PUBLISH_OUTCOME_UNKNOWN', retryable: false })
    expect(err.message).toContain('may have been sent')
    // The guarded fetch reports its timeout as retryable; for a bot that verdict is overruled.
    const guardedTimeout: FetchLike = () =>
      Promise.reject(
        new NodeError('OUTBOUND_TIMEOUT', 'Request to qyapi timed out after 30000 ms', { retryable: true }),
      )
    expect(await nodeError(send({ content: 'x' }, ctx(undefined, guardedTimeout)))).toMatchObject({
      code: 'PUBLISH_OUTCOME_UNKNOWN',
      retryable: false,
    })
  })

  it('retries when the connection was refused, since nothing was sent', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const err = await nodeError(
      send({ content: 'x' }, ctx({ webhookUrl: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=k` })),
    )
    expect(err).toMatchObject({ code: 'PUBLISH_NETWORK', retryable: true })
  })

  it('builds the official address from a bare key, and refuses a credential without one', async () => {
    const seen: string[] = []
    const recording: FetchLike = async (url) => {
      seen.push(String(url))
      return Response.json({ errcode: 0, errmsg: 'ok' })
    }
    await send({ content: 'x' }, ctx({ key: 'a b' }, recording))
    expect(seen).toEqual(['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a%20b'])
    const noKey = await nodeError(
      send({ content: 'x' }, ctx({ webhookUrl: `${bot.origin}/cgi-bin/webhook/send` })),
    )
    expect(noKey.code).toBe('CREDENTIAL_INVALID')
  })

  it('does not follow a redirect, which would hand the message to an address nobody configured', async () => {
    const moved: FetchLike = async () =>
      new Response(null, { status: 307, headers: { location: 'https://elsewhere.example/' } })
    expect(await nodeError(send({ content: 'x' }, ctx(undefined, moved)))).toMatchObject({
      code: 'PUBLISH_REDIRECT',
      retryable: false,
    })
  })
})

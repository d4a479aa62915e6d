import { createHmac } from 'node:crypto'
import { type FakeBot, startFakeFeishu } from '@zhiliu/fake-im'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FetchLike } from '../context.ts'
import { fakeSecrets } from '../publish/fake-secrets.ts'
import { publishFeishu } from './publish-feishu.ts'
import { createTestContext, nodeError, runNode } from './test-context.ts'

const SECRET = 'feishu-signing-secret'
const NOW = Date.parse('2025-01-02T03:04:05.000Z') // the test context's clock
const SECONDS = String(Math.floor(NOW / 1000))
let bot: FakeBot

beforeAll(async () => {
  bot = await startFakeFeishu({ token: 'hook-token', secret: SECRET, now: () => NOW })
})
afterAll(() => bot.close())
beforeEach(() => bot.reset())

const ctx = (
  fields: Record<string, string> = { webhookUrl: bot.url, secret: SECRET },
  fetch: FetchLike = globalThis.fetch,
) => createTestContext({ fetch, secrets: fakeSecrets({ bot: { type: 'feishu.bot', fields } }) })
const send = (config: Record<string, unknown>, context = ctx()) =>
  runNode(publishFeishu, { credential: 'bot', ...config }, { inputs: {} }, context)

describe('publish.feishu', () => {
  it('signs in the body (seconds, HMAC keyed by "timestamp\\nsecret" over nothing) and redacts the sign in its output', async () => {
    const out = await send({ content: '新闻稿已发布', atAll: true })
    const sign = createHmac('sha256', `${SECONDS}\n${SECRET}`).update('').digest('base64')
    const message = { msg_type: 'text', content: { text: '新闻稿已发布 <at user_id="all">所有人</at>' } }
    expect(bot.delivered).toEqual([{ timestamp: SECONDS, sign, ...message }])
    expect(out).toMatchObject({
      platform: 'feishu',
      sent: { timestamp: SECONDS, sign: '[redacted]', ...message },
    })
    expect(JSON.stringify(out)).not.toContain(sign)
  })

  it('sends rich text and a message card in the documented shapes', async () => {
    const link = { linkUrl: 'https://news.example.com/a/9', linkText: '阅读原文' }
    await send({ msgtype: 'post', title: '早报', content: '第一段\n\n第二段', ...link })
    await send({
      msgtype: 'interactive',
      title: '审核通过',
      content: '**标题**:松山湖',
      color: 'green',
      ...link,
    })
    const [post, card] = bot.delivered.map((body) => {
      const { timestamp: _t, sign: _s, ...message } = body as Record<string, unknown>
      return message
    })
    expect(post).toEqual({
      msg_type: 'post',
      content: {
        post: {
          zh_cn: {
            title: '早报',
            content: [
              [{ tag: 'text', text: '第一段' }],
              [{ tag: 'text', text: '第二段' }],
              [{ tag: 'a', text: '阅读原文', href: 'https://news.example.com/a/9' }],
            ],
          },
        },
      },
    })
    expect(card).toEqual({
      msg_type: 'interactive',
      card: {
        header: { title: { tag: 'plain_text', content: '审核通过' }, template: 'green' },
        elements: [
          { tag: 'markdown', content: '**标题**:松山湖' },
          {
            tag: 'action',
            actions: [
              {
                tag: 'button',
                text: { tag: 'plain_text', content: '阅读原文' },
                url: 'https://news.example.com/a/9',
                type: 'primary',
              },
            ],
          },
        ],
      },
    })
  })

  it('fails without retry on a signature mismatch (19021), pointing at the secret and the clock', async () => {
    const err = await nodeError(send({ content: 'x' }, ctx({ webhookUrl: bot.url, secret: 'other' })))
    expect(err).toMatchObject({ code: 'PUBLISH_REFUSED', retryable: false, details: { code: 19021 } })
    expect(err.message).toContain('server clock')
  })

  it('retries the frequency limit (11232) and the gateway rate limit sent as HTTP 400', async () => {
    bot.script({ kind: 'throttle' })
    expect(await nodeError(send({ content: 'x' }))).toMatchObject({
      code: 'PUBLISH_RETRY_LATER',
      retryable: true,
    })
    const gateway: FetchLike = async () =>
      Response.json({ code: 99991400, msg: 'request trigger frequency limit' }, { status: 400 })
    expect(await nodeError(send({ content: 'x' }, ctx(undefined, gateway)))).toMatchObject({
      code: 'PUBLISH_RETRY_LATER',
      retryable: true,
    })
  })

  it('refuses a body over 20 KB before sending, and a card without a title', async () => {
    const big = await nodeError(send({ content: '字'.repeat(7000) }))
    expect(big).toMatchObject({ code: 'PUBLISH_CONTENT_TOO_LONG', details: { limit: 20_000 } })
    expect(await nodeError(send({ msgtype: 'interactive', content: 'x' }))).toMatchObject({
      details: { field: 'title' },
    })
    expect(bot.requests).toEqual([])
  })

  it('reads the legacy StatusCode reply too, and an unsigned bot gets no signature fields', async () => {
    const legacy: FetchLike = async (_url, init) => {
      expect(JSON.parse(String(init?.body))).toEqual({ msg_type: 'text', content: { text: 'x' } })
      return Response.json({ StatusCode: 0, StatusMessage: 'success' })
    }
    const out = await send({ content: 'x' }, ctx({ webhookUrl: bot.url }, legacy))
    expect(out).toMatchObject({ response: { StatusCode: 0 } })
    const refused: FetchLike = async () =>
      Response.json({ StatusCode: 19024, StatusMessage: 'Key Words Not Found' })
    expect(await nodeError(send({ content: 'x' }, ctx({ webhookUrl: bot.url }, refused)))).toMatchObject({
      code: 'PUBLISH_REFUSED',
      details: { code: 19024 },
    })
  })
})

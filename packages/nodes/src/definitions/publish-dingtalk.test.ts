import { createHmac } from 'node:crypto'
import { type FakeBot, startFakeDingtalk } from '@zhiliu/fake-im'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fakeSecrets } from '../publish/fake-secrets.ts'
import { publishDingtalk } from './publish-dingtalk.ts'
import { createTestContext, nodeError, runNode } from './test-context.ts'

const SECRET = 'SEC0123456789abcdef'
const NOW = Date.parse('2025-01-02T03:04:05.000Z') // the test context's clock
let bot: FakeBot

beforeAll(async () => {
  bot = await startFakeDingtalk({ accessToken: 'tok', secret: SECRET, now: () => NOW })
})
afterAll(() => bot.close())
beforeEach(() => bot.reset())

const ctx = (fields: Record<string, string> = { webhookUrl: bot.url, secret: SECRET }, now = NOW) =>
  createTestContext({
    fetch: globalThis.fetch,
    clock: { now: () => now, sleep: async () => {} },
    secrets: fakeSecrets({ bot: { type: 'dingtalk.bot', fields } }),
  })
const send = (config: Record<string, unknown>, context = ctx()) =>
  runNode(publishDingtalk, { credential: 'bot', ...config }, { inputs: {} }, context)

describe('publish.dingtalk', () => {
  it('signs the address with the timestamp in ms and the url-encoded HMAC of "timestamp\\nsecret"', async () => {
    const out = await send({ content: '物业通知:明天 9 点停水 @13800001111', atMobiles: '13800001111' })
    const query = bot.requests[0]?.query ?? {}
    expect(query.timestamp).toBe(String(NOW))
    expect(query.sign).toBe(createHmac('sha256', SECRET).update(`${NOW}\n${SECRET}`).digest('base64'))
    const expected = {
      msgtype: 'text',
      text: { content: '物业通知:明天 9 点停水 @13800001111' },
      at: { atMobiles: ['13800001111'], isAtAll: false },
    }
    expect(bot.delivered).toEqual([expected])
    expect(out).toEqual({ platform: 'dingtalk', sent: expected, response: { errcode: 0, errmsg: 'ok' } })
  })

  it("sends Markdown, link and action cards in DingTalk's documented format", async () => {
    await send({ msgtype: 'markdown', title: '停水通知', content: '#### 停水\n> 明天 9 点', atAll: true })
    await send({ msgtype: 'link', title: '新版本', content: '简介', url: 'https://a.example/n', picUrl: '' })
    const one = [{ title: '阅读全文', url: 'https://a.example/1' }]
    await send({ msgtype: 'actionCard', title: '卡片', content: '正文', buttons: one })
    const two = [...one, { title: '不感兴趣', url: 'https://a.example/2' }]
    await send({ msgtype: 'actionCard', title: '卡片', content: '正文', buttons: two })
    expect(bot.delivered).toEqual([
      {
        msgtype: 'markdown',
        markdown: { title: '停水通知', text: '#### 停水\n> 明天 9 点' },
        at: { isAtAll: true },
      },
      { msgtype: 'link', link: { title: '新版本', text: '简介', messageUrl: 'https://a.example/n' } },
      {
        msgtype: 'actionCard',
        actionCard: {
          title: '卡片',
          text: '正文',
          btnOrientation: '0',
          singleTitle: '阅读全文',
          singleURL: 'https://a.example/1',
        },
      },
      {
        msgtype: 'actionCard',
        actionCard: {
          title: '卡片',
          text: '正文',
          btnOrientation: '0',
          btns: [
            { title: '阅读全文', actionURL: 'https://a.example/1' },
            { title: '不感兴趣', actionURL: 'https://a.example/2' },
          ],
        },
      },
    ])
  })

  it('fails without retry on a wrong secret or a clock over an hour off, explaining the 310000', async () => {
    const wrong = await nodeError(send({ content: 'x' }, ctx({ webhookUrl: bot.url, secret: 'SECother' })))
    expect(wrong).toMatchObject({
      code: 'PUBLISH_REFUSED',
      retryable: false,
      details: { code: 310000, message: 'sign not match' },
    })
    expect(wrong.message).toContain('signing secret')
    const late = await nodeError(send({ content: 'x' }, ctx(undefined, NOW + 2 * 3_600_000)))
    expect(late.details).toMatchObject({ code: 310000, message: 'invalid timestamp' })
    const unsigned = await nodeError(send({ content: 'x' }, ctx({ webhookUrl: bot.url })))
    expect(unsigned.details).toMatchObject({ code: 310000 })
    expect(bot.delivered).toEqual([])
  })

  it('retries the rate-limit reply 130101, waiting for the minute window', async () => {
    bot.script({ kind: 'throttle' })
    expect(await nodeError(send({ content: 'x' }))).toMatchObject({
      code: 'PUBLISH_RETRY_LATER',
      retryable: true,
      retryAfterMs: 30_000,
      details: { code: 130101 },
    })
  })

  it('refuses an incomplete message before sending: Markdown needs a title, a card a button', async () => {
    expect((await nodeError(send({ msgtype: 'markdown', content: '正文' }))).details).toEqual({
      field: 'title',
    })
    expect(await nodeError(send({ msgtype: 'actionCard', title: 't', content: 'c' }))).toMatchObject({
      code: 'PUBLISH_CONTENT_INVALID',
    })
    expect(
      await nodeError(send({ msgtype: 'link', title: 't', content: 'c', url: 'javascript:alert(1)' })),
    ).toMatchObject({
      code: 'PUBLISH_CONTENT_INVALID',
      details: { field: 'url' },
    })
    expect(bot.requests).toEqual([])
  })

  it('refuses a credential whose address has no access_token', async () => {
    const err = await nodeError(send({ content: 'x' }, ctx({ webhookUrl: `${bot.origin}/robot/send` })))
    expect(err.code).toBe('CREDENTIAL_INVALID')
  })
})

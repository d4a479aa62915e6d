import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { FakeBot } from './fake-types.ts'
import { startFakeDingtalk } from './start-fake-dingtalk.ts'
import { startFakeFeishu } from './start-fake-feishu.ts'
import { startFakeWecom } from './start-fake-wecom.ts'

// Signatures here are computed with node:crypto, independently of the nodes package's Web Crypto code.
const NOW = Date.parse('2025-03-04T05:06:07Z')
let bot: FakeBot | undefined
afterEach(() => bot?.close())

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('startFakeWecom', () => {
  it('accepts a text message with the right key and records it as delivered', async () => {
    bot = await startFakeWecom({ key: 'k1' })
    const message = { msgtype: 'text', text: { content: '快讯', mentioned_mobile_list: ['13800001111'] } }
    expect(await post(bot.url, message)).toEqual({ status: 200, body: { errcode: 0, errmsg: 'ok' } })
    expect(bot.delivered).toEqual([message])
  })

  it('answers each malformed request with the code WeCom uses for it', async () => {
    bot = await startFakeWecom({ key: 'k1' })
    const code = async (url: string, body: unknown) => (await post(url, body)).body.errcode
    expect(
      await code(`${bot.origin}/cgi-bin/webhook/send?key=other`, { msgtype: 'text', text: { content: 'x' } }),
    ).toBe(93000)
    expect(await code(bot.url, { msgtype: 'voice', voice: {} })).toBe(40008)
    expect(await code(bot.url, { msgtype: 'text', text: { content: '' } })).toBe(44004)
    expect(await code(bot.url, { msgtype: 'text', text: { content: '字'.repeat(683) } })).toBe(40058)
    expect(await code(bot.url, { msgtype: 'markdown', markdown: { content: '字'.repeat(1365) } })).toBe(0)
    const article = { title: 't', url: 'https://a.example/1' }
    expect(await code(bot.url, { msgtype: 'news', news: { articles: Array(9).fill(article) } })).toBe(40058)
    expect(await code(bot.url, { msgtype: 'news', news: { articles: [{ title: 't' }] } })).toBe(40058)
    expect(await code(bot.url, 'not json')).toBe(47001)
    expect(bot.delivered).toHaveLength(1)
  })

  it('plays scripted faults in order, then behaves normally again', async () => {
    bot = await startFakeWecom()
    bot.script({ kind: 'throttle' }, { kind: 'status', status: 500 })
    const message = { msgtype: 'markdown', markdown: { content: '# 标题' } }
    expect((await post(bot.url, message)).body).toMatchObject({ errcode: 45009 })
    expect((await fetch(bot.url, { method: 'POST', body: '{}' })).status).toBe(500)
    expect((await post(bot.url, message)).body.errcode).toBe(0)
    expect(bot.requests).toHaveLength(3)
    expect(bot.delivered).toHaveLength(1)
  })
})

describe('startFakeDingtalk', () => {
  const secret = 'SECfake0123456789'
  const signed = (url: string, timestamp: number, sign?: string) => {
    const value = sign ?? createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64')
    return `${url}&timestamp=${timestamp}&sign=${encodeURIComponent(value)}`
  }
  const text = {
    msgtype: 'text',
    text: { content: '物业通知:明天停水' },
    at: { atMobiles: ['13800001111'], isAtAll: false },
  }

  it('accepts a message signed with the secret within the hour', async () => {
    bot = await startFakeDingtalk({ secret, now: () => NOW })
    expect((await post(signed(bot.url, NOW - 59 * 60_000), text)).body).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(bot.delivered).toEqual([text])
  })

  it('refuses a missing, wrong, unencoded or stale signature with 310000', async () => {
    bot = await startFakeDingtalk({ secret, now: () => NOW })
    const reply = async (url: string) => (await post(url, text)).body
    expect(await reply(bot.url)).toEqual({ errcode: 310000, errmsg: 'invalid timestamp' })
    expect(await reply(signed(bot.url, NOW - 61 * 60_000))).toEqual({
      errcode: 310000,
      errmsg: 'invalid timestamp',
    })
    expect(await reply(signed(bot.url, NOW, 'd3Jvbmc='))).toEqual({
      errcode: 310000,
      errmsg: 'sign not match',
    })
    // A base64 `+` sent without URL encoding arrives as a space, which DingTalk's check fails too.
    let ts = NOW
    let sign = ''
    while (!sign.includes('+'))
      sign = createHmac('sha256', secret).update(`${++ts}\n${secret}`).digest('base64')
    expect(await reply(`${bot.url}&timestamp=${ts}&sign=${sign}`)).toEqual({
      errcode: 310000,
      errmsg: 'sign not match',
    })
    expect(bot.delivered).toEqual([])
  })

  it('checks the token, the content type, the body shape and the keywords', async () => {
    bot = await startFakeDingtalk({ accessToken: 't1', keywords: ['通知'] })
    const reply = async (url: string, body: unknown, headers?: Record<string, string>) =>
      (await post(url, body, headers)).body
    expect(await reply(`${bot.origin}/robot/send?access_token=t2`, text)).toMatchObject({ errcode: 300005 })
    expect(await reply(`${bot.origin}/robot/send`, text)).toMatchObject({ errcode: 40035 })
    expect(await reply(bot.url, text, { 'content-type': 'text/plain' })).toMatchObject({ errcode: 43004 })
    expect(await reply(bot.url, { msgtype: 'markdown', markdown: { text: '没有标题' } })).toMatchObject({
      errcode: 40035,
    })
    expect(await reply(bot.url, { msgtype: 'text', text: { content: '你好' } })).toEqual({
      errcode: 310000,
      errmsg: 'keywords not in content',
    })
    const card = {
      msgtype: 'actionCard',
      actionCard: { title: '通知', text: '正文', btns: [{ title: '看', actionURL: 'https://a.example' }] },
    }
    expect(await reply(bot.url, card)).toEqual({ errcode: 0, errmsg: 'ok' })
  })
})

describe('startFakeFeishu', () => {
  const secret = 'feishu-secret'
  const sign = (timestamp: number) =>
    createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64')
  const text = { msg_type: 'text', content: { text: '新闻稿已发布' } }

  it('accepts a message whose body carries a valid signature', async () => {
    bot = await startFakeFeishu({ secret, now: () => NOW })
    const ts = Math.floor(NOW / 1000) - 3500
    const reply = await post(bot.url, { timestamp: String(ts), sign: sign(ts), ...text })
    expect(reply.body).toMatchObject({ code: 0, msg: 'success' })
    expect(bot.delivered).toHaveLength(1)
  })

  it('refuses a wrong or stale signature with 19021', async () => {
    bot = await startFakeFeishu({ secret, now: () => NOW })
    const ts = Math.floor(NOW / 1000)
    for (const body of [
      { timestamp: String(ts), sign: sign(ts + 1), ...text },
      { timestamp: String(ts - 3601), sign: sign(ts - 3601), ...text },
      text,
    ]) {
      expect((await post(bot.url, body)).body.code).toBe(19021)
    }
  })

  it('answers a bad token, a missing msg_type, a malformed or oversized body with the real codes', async () => {
    bot = await startFakeFeishu({ token: 'tok' })
    const code = async (url: string, body: unknown) => (await post(url, body)).body.code
    expect(await code(`${bot.origin}/open-apis/bot/v2/hook/other`, text)).toBe(19001)
    expect(await code(bot.url, { content: { text: 'x' } })).toBe(19002)
    expect(
      await code(bot.url, { msg_type: 'post', content: { post: { zh_cn: { content: [['x']] } } } }),
    ).toBe(9499)
    expect(await code(bot.url, { msg_type: 'text', content: { text: '字'.repeat(7000) } })).toBe(9499)
    expect(
      await code(bot.url, {
        msg_type: 'interactive',
        card: { elements: [{ tag: 'markdown', content: '**好**' }] },
      }),
    ).toBe(0)
  })

  it('can answer slowly, or not at all until the client gives up', async () => {
    bot = await startFakeFeishu()
    bot.script({ kind: 'delay', ms: 50 }, { kind: 'hang' })
    const started = Date.now()
    expect((await post(bot.url, text)).body.code).toBe(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(45)
    const hung = fetch(bot.url, {
      method: 'POST',
      body: JSON.stringify(text),
      signal: AbortSignal.timeout(100),
    })
    await expect(hung).rejects.toThrow()
    expect(bot.requests).toHaveLength(2)
    expect(bot.delivered).toHaveLength(1)
  })
})

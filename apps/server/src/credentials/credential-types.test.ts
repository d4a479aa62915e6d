import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createRedactor, REDACTED } from '../security/redact.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { createSecretReader } from './create-secret-reader.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(() => t.close())

const DINGTALK_TOKEN = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0'
const DINGTALK_SECRET = 'SEC0123456789abcdef0123456789abcdef'
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

/** A valid `data` per type, and the fields that must stay secret. */
const samples = {
  'model-provider': {
    data: { preset: 'deepseek', apiKey: 'sk-0123456789abcdef0123', defaultModel: 'deepseek-chat' },
    secret: ['apiKey'],
    hint: 'api.deepseek.com · deepseek-chat · sk-…0123',
  },
  'wecom.bot': {
    data: {
      webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa',
    },
    secret: ['webhookUrl', 'key'],
    hint: 'qyapi.weixin.qq.com · …5aaa',
  },
  'dingtalk.bot': {
    data: {
      webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${DINGTALK_TOKEN}`,
      secret: DINGTALK_SECRET,
    },
    secret: ['webhookUrl', 'secret'],
    hint: 'oapi.dingtalk.com · …a9b0',
  },
  'feishu.bot': {
    data: { webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/2b0a0a4e-8f0e-4c7e-9d3b-5f7e1f2a3b4c' },
    secret: ['webhookUrl', 'secret'],
    hint: 'open.feishu.cn · …3b4c',
  },
  'webhook.signing': { data: { secret: WHSEC }, secret: ['secret'], hint: 'whsec_…LaSw' },
  smtp: {
    data: {
      host: 'smtp.exmail.qq.com',
      secure: 'tls',
      user: 'news@example.com',
      password: 'app-password-0123',
      from: 'news@example.com',
    },
    secret: ['password'],
    hint: 'news@example.com @ smtp.exmail.qq.com',
  },
} as const

describe('credential types for models and publishing', () => {
  it('describes each type with its secret fields write-only and the rest readable', async () => {
    const res = await callApi(app, 'GET', '/api/credential-types', { headers: owner })
    type Listed = { type: string; schema: { properties: Record<string, { writeOnly?: boolean }> } }
    const items = (res.body as { items: Listed[] }).items
    for (const [type, sample] of Object.entries(samples)) {
      const properties = items.find((i) => i.type === type)?.schema.properties ?? {}
      const writeOnly = Object.keys(properties).filter((key) => properties[key]?.writeOnly === true)
      expect(writeOnly.sort(), type).toEqual([...sample.secret].sort())
    }
    const preset = items.find((i) => i.type === 'model-provider')?.schema.properties.preset as {
      enum: string[]
      ui: { options: Record<string, { 'zh-CN': string }> }
    }
    expect(preset.enum).toEqual(expect.arrayContaining(['deepseek', 'dashscope', 'ollama', 'custom']))
    expect(preset.ui.options.dashscope?.['zh-CN']).toBe('通义千问（阿里云百炼）')
  })

  it('stores each with a masked hint that gives no secret away', async () => {
    for (const [type, sample] of Object.entries(samples)) {
      const res = await callApi(app, 'POST', '/api/credentials', {
        headers: owner,
        body: { name: type, type, data: sample.data },
      })
      expect(res.status, type).toBe(201)
      expect((res.body as { hint: string }).hint, type).toBe(sample.hint)
    }
  })

  it.each([
    ['a DeepSeek key is missing', 'model-provider', { preset: 'deepseek' }, 'apiKey'],
    ['a custom service has no address', 'model-provider', { preset: 'custom', apiKey: 'sk-x' }, 'baseURL'],
    ['a WeCom bot has neither address nor key', 'wecom.bot', {}, 'webhookUrl'],
    [
      'a signing secret lacks its whsec_ prefix',
      'webhook.signing',
      { secret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
      'secret',
    ],
    [
      'a bot address is not a web address',
      'dingtalk.bot',
      { webhookUrl: 'oapi.dingtalk.com/robot' },
      'webhookUrl',
    ],
  ])('refuses data where %s, naming the field', async (_, type, data, field) => {
    const res = await callApi(app, 'POST', '/api/credentials', {
      headers: owner,
      body: { name: 'x', type, data },
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain(field)
  })

  it('accepts a local Ollama without a key', async () => {
    const res = await callApi(app, 'POST', '/api/credentials', {
      headers: owner,
      body: {
        name: 'Ollama',
        type: 'model-provider',
        data: { preset: 'ollama', baseURL: 'http://localhost:11434/v1' },
      },
    })
    expect(res).toMatchObject({ status: 201, body: { hint: 'localhost:11434' } })
  })

  it('registers a bot’s address and signing secret with the redactor when a run opens it', async () => {
    const created = await callApi(app, 'POST', '/api/credentials', {
      headers: owner,
      body: { name: 'bot', type: 'dingtalk.bot', data: samples['dingtalk.bot'].data },
    })
    const [user] = await t.deps.store.listUsers()
    const redactor = createRedactor()
    const reader = createSecretReader({ ...t.deps, redactor }, { userId: user?.id ?? '', all: false })
    await reader.get((created.body as { id: string }).id, 'dingtalk.bot')
    expect(redactor.redact(`posted with ${DINGTALK_SECRET}`)).toBe(`posted with ${REDACTED}`)
    expect(redactor.redact(samples['dingtalk.bot'].data.webhookUrl)).toBe(REDACTED)
  })
})

import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'
import { createProviderCredential, FAKE_KEY, startPlainServer } from './provider-test-kit.ts'

let fake: FakeOpenAI
let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeAll(async () => {
  fake = await startFakeOpenAI({ models: ['deepseek-chat', 'deepseek-reasoner'] })
})
afterAll(() => fake.close())
beforeEach(async () => {
  fake.reset()
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(() => t.close())

/** A credential that is not a model provider. */
const createBearer = async () => {
  const res = await callApi(app, 'POST', '/api/credentials', {
    headers: owner,
    body: { name: 'token', type: 'http.bearer', data: { token: 'tok_0123456789abcdef' } },
  })
  return (res.body as { id: string }).id
}

const testUnsaved = (data: Record<string, string>, headers = owner) =>
  callApi(app, 'POST', '/api/model-providers/test', { headers, body: data })

describe('GET /api/model-providers', () => {
  it('lists every preset with labels, base URL, models and capabilities, and says the default is the demo model', async () => {
    const res = await callApi(app, 'GET', '/api/model-providers', { headers: owner })
    expect(res.status).toBe(200)
    const body = res.body as { items: { id: string }[]; default: unknown }
    expect(body.items.map((p) => p.id)).toEqual(
      expect.arrayContaining([
        'openai',
        'deepseek',
        'dashscope',
        'moonshot',
        'zhipu',
        'ollama',
        'custom',
        'demo',
      ]),
    )
    expect(body.items.find((p) => p.id === 'deepseek')).toMatchObject({
      label: { 'zh-CN': 'DeepSeek 深度求索', en: 'DeepSeek' },
      baseURL: 'https://api.deepseek.com',
      models: ['deepseek-chat', 'deepseek-reasoner'],
      capabilities: { streaming: true, reasoning: true, jsonMode: true },
    })
    expect(body.default).toEqual({
      preset: 'demo',
      model: 'demo-chat',
      models: ['demo-chat', 'demo-reasoner'],
      demo: true,
    })
  })
})

describe('testing a provider connection', () => {
  it('connects to a working provider and lists its models', async () => {
    const res = await testUnsaved({
      preset: 'custom',
      baseURL: fake.url,
      apiKey: FAKE_KEY,
      defaultModel: 'deepseek-chat',
    })
    expect(res).toMatchObject({
      status: 200,
      body: { ok: true, models: ['deepseek-chat', 'deepseek-reasoner'] },
    })
  })

  it('names each thing that is wrong: the key, the model, the address', async () => {
    const wrongKey = await testUnsaved({ preset: 'custom', baseURL: fake.url, apiKey: 'sk-wrong-0123456789' })
    expect(wrongKey.body).toMatchObject({ ok: false, problem: 'bad_key' })
    expect(JSON.stringify(wrongKey.body)).not.toContain('sk-wrong-0123456789')

    const noModel = await testUnsaved({
      preset: 'custom',
      baseURL: fake.url,
      apiKey: FAKE_KEY,
      defaultModel: 'qwen-max',
    })
    expect(noModel.body).toMatchObject({
      ok: false,
      problem: 'model_missing',
      models: ['deepseek-chat', 'deepseek-reasoner'],
    })
    expect((noModel.body as { message: string }).message).toContain('qwen-max')

    const html = await startPlainServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html><body>Welcome</body></html>')
    })
    const notAnApi = await testUnsaved({ preset: 'custom', baseURL: `${html.origin}/v1`, apiKey: FAKE_KEY })
    await html.close()
    expect(notAnApi.body).toMatchObject({ ok: false, problem: 'bad_url' })

    // The same server again, now closed: nothing listens there any more.
    const closed = await testUnsaved({ preset: 'custom', baseURL: `${html.origin}/v1`, apiKey: FAKE_KEY })
    expect(closed.body).toMatchObject({ ok: false, problem: 'unreachable' })
  })

  it("trusts exactly the provider's origin: a redirect from it to another local address is refused", async () => {
    const redirecting = await startPlainServer((_req, res) => {
      res.writeHead(302, { location: `${fake.url}/models` })
      res.end()
    })
    const res = await testUnsaved({ preset: 'custom', baseURL: `${redirecting.origin}/v1`, apiKey: FAKE_KEY })
    await redirecting.close()
    expect(res.body).toMatchObject({ ok: false, problem: 'unreachable' })
    expect((res.body as { message: string }).message).toMatch(/blocked/i)
    expect(fake.requests.some((r) => r.path === '/v1/models' && r.headers.authorization)).toBe(false)
  })

  it('refuses an incomplete configuration before calling anyone', async () => {
    const res = await testUnsaved({ preset: 'deepseek' })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('apiKey')
  })

  it('tests a stored credential without ever showing its key, and only model providers', async () => {
    const id = await createProviderCredential(app, owner, fake)
    const res = await callApi(app, 'POST', `/api/credentials/${id}/test`, { headers: owner })
    expect(res).toMatchObject({ status: 200, body: { ok: true } })
    expect(JSON.stringify(res.body)).not.toContain(FAKE_KEY)

    const other = await callApi(app, 'POST', `/api/credentials/${await createBearer()}/test`, {
      headers: owner,
    })
    expect(other).toMatchObject({ status: 400, body: { error: { code: 'CREDENTIAL_NOT_TESTABLE' } } })
    expect((await callApi(app, 'POST', '/api/credentials/nope/test', { headers: owner })).status).toBe(404)
  })

  it('is for editors: a viewer may not make the server call a provider', async () => {
    const viewer = await createUserWithRole(app, owner, 'viewer')
    const res = await testUnsaved({ preset: 'custom', baseURL: fake.url, apiKey: FAKE_KEY }, viewer.cookie)
    expect(res.status).toBe(403)
  })
})

describe('GET /api/credentials/:id/models', () => {
  it("suggests a stored provider's default model first, then its preset's models, and nothing secret", async () => {
    const created = await callApi(app, 'POST', '/api/credentials', {
      headers: owner,
      body: {
        name: '深度求索',
        type: 'model-provider',
        data: { preset: 'deepseek', apiKey: FAKE_KEY, defaultModel: 'deepseek-reasoner' },
      },
    })
    const id = (created.body as { id: string }).id
    const res = await callApi(app, 'GET', `/api/credentials/${id}/models`, { headers: owner })
    expect(res).toMatchObject({ status: 200, body: { preset: 'deepseek' } })
    const { models } = res.body as { models: string[] }
    expect(models[0]).toBe('deepseek-reasoner')
    expect(models).toContain('deepseek-chat')
    expect(new Set(models).size).toBe(models.length)
    expect(JSON.stringify(res.body)).not.toContain(FAKE_KEY)
  })

  it('answers only for model providers the caller can see', async () => {
    const other = await callApi(app, 'GET', `/api/credentials/${await createBearer()}/models`, {
      headers: owner,
    })
    expect(other).toMatchObject({ status: 400, body: { error: { code: 'CREDENTIAL_NOT_A_PROVIDER' } } })
    const id = await createProviderCredential(app, owner, fake)
    const editor = await createUserWithRole(app, owner, 'editor')
    expect(
      (await callApi(app, 'GET', `/api/credentials/${id}/models`, { headers: editor.cookie })).status,
    ).toBe(404)
    expect((await callApi(app, 'GET', `/api/credentials/${id}/models`)).status).toBe(401)
  })
})

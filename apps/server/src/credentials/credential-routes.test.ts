import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(() => t.close())

const API_KEY = 'sk-live-4f9a8b7c6d5e4f3a2b1c0d9e8f7a1b2'
const PASSWORD = 'hunter2-correct-horse'
const api = (method: string, path: string, body?: unknown, headers = owner) =>
  callApi(app, method, path, { headers, body })

async function createAll() {
  const bodies = [
    {
      name: 'DeepSeek',
      type: 'openai.compatible',
      data: { baseUrl: 'https://api.deepseek.com/v1', apiKey: API_KEY },
    },
    { name: 'Intranet', type: 'http.basic', data: { username: 'robot', password: PASSWORD } },
  ]
  return [
    await api('POST', '/api/credentials', bodies[0]),
    await api('POST', '/api/credentials', bodies[1]),
  ] as const
}

describe('credentials', () => {
  it('stores credentials sealed and shows only name, type and a masked hint, in every response', async () => {
    const [openai, basic] = await createAll()
    expect(openai).toMatchObject({
      status: 201,
      body: { name: 'DeepSeek', type: 'openai.compatible', hint: 'api.deepseek.com · sk-…a1b2' },
    })
    expect(basic).toMatchObject({ status: 201, body: { hint: 'robot / …' } })
    const id = (openai.body as { id: string }).id
    const responses = [
      openai,
      basic,
      await api('GET', '/api/credentials'),
      await api('GET', `/api/credentials/${id}`),
      await api('PUT', `/api/credentials/${id}`, { name: 'DeepSeek prod' }),
      await api('PUT', `/api/credentials/${id}`, {
        data: { baseUrl: 'https://api.deepseek.com/v1', apiKey: API_KEY },
      }),
    ]
    for (const res of responses) {
      const text = JSON.stringify(res?.body)
      expect(text).not.toContain(API_KEY)
      expect(text).not.toContain(API_KEY.slice(8, 20))
      expect(text).not.toContain(PASSWORD)
      expect(text).not.toMatch(/ciphertext|v1\.testkey1\./)
    }
    const stored = await t.deps.store.getCredential({ userId: '', all: true }, id)
    expect(stored?.ciphertext).toMatch(/^v1\.testkey1\./)
    expect(stored?.ciphertext).not.toContain(API_KEY)
    expect(stored?.keyId).toBe('testkey1')
    // Sealed with its own id as context: the value opens for this row only.
    expect(() => t.deps.secretBox.open(stored?.ciphertext ?? '', 'another-id')).toThrow()
    expect(JSON.parse(t.deps.secretBox.open(stored?.ciphertext ?? '', id))).toMatchObject({ apiKey: API_KEY })
  })

  it('never writes a secret into the logs, even when saving fails', async () => {
    await createAll()
    await api('POST', '/api/credentials', {
      name: 'x',
      type: 'http.bearer',
      data: { token: API_KEY, extra: PASSWORD },
    })
    const logs = JSON.stringify(t.logs)
    expect(logs).not.toContain(API_KEY)
    expect(logs).not.toContain(PASSWORD)
  })

  it('renames without touching the secret, and replacing the data changes the hint', async () => {
    const created = await api('POST', '/api/credentials', {
      name: 'CI',
      type: 'http.bearer',
      data: { token: API_KEY },
    })
    const id = (created.body as { id: string }).id
    const renamed = await api('PUT', `/api/credentials/${id}`, { name: 'CI token' })
    expect(renamed).toMatchObject({ status: 200, body: { name: 'CI token', hint: 'sk-…a1b2' } })
    const replaced = await api('PUT', `/api/credentials/${id}`, {
      data: { token: 'ghp_abcdefghijklmnopqrstuvwxyz9876' },
    })
    expect(replaced).toMatchObject({ status: 200, body: { name: 'CI token', hint: 'ghp_…9876' } })
  })

  it("checks data against the credential's type and names the failing field", async () => {
    const wrongField = await api('POST', '/api/credentials', {
      name: 'x',
      type: 'http.bearer',
      data: { tokn: 'abc' },
    })
    expect(wrongField).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } })
    const paths = (
      wrongField.body as { error: { details: { issues: { path: unknown[] }[] } } }
    ).error.details.issues.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining([['data', 'token']]))
    const unknownType = await api('POST', '/api/credentials', { name: 'x', type: 'ftp', data: {} })
    expect(unknownType).toMatchObject({
      status: 400,
      body: { error: { details: { issues: [{ path: ['type'] }] } } },
    })
    const created = await api('POST', '/api/credentials', {
      name: 'h',
      type: 'http.header',
      data: { name: 'X-Api-Key', value: API_KEY },
    })
    const id = (created.body as { id: string }).id
    const badPatch = await api('PUT', `/api/credentials/${id}`, { data: { name: 'bad header', value: 'v' } })
    expect(badPatch).toMatchObject({
      status: 400,
      body: { error: { details: { issues: [{ path: ['data', 'name'] }] } } },
    })
    expect((await api('PUT', `/api/credentials/${id}`, {})).status).toBe(400)
  })

  it('deletes a credential', async () => {
    const [created] = await createAll()
    const id = (created.body as { id: string }).id
    expect((await api('DELETE', `/api/credentials/${id}`)).status).toBe(204)
    expect((await api('GET', `/api/credentials/${id}`)).status).toBe(404)
  })

  it("answers 404 for another user's credential on every route; the owner sees it", async () => {
    const alice = await createUserWithRole(app, owner, 'editor')
    const bob = await createUserWithRole(app, owner, 'editor')
    const created = await api(
      'POST',
      '/api/credentials',
      { name: 'A', type: 'http.bearer', data: { token: API_KEY } },
      alice.cookie,
    )
    const id = (created.body as { id: string }).id
    for (const [method, body] of [['GET'], ['PUT', { name: 'stolen' }], ['DELETE']] as const) {
      const res = await api(method, `/api/credentials/${id}`, body, bob.bearer)
      expect(res).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
    }
    expect((await api('GET', '/api/credentials', undefined, bob.bearer)).body).toEqual({ items: [] })
    expect((await api('GET', `/api/credentials/${id}`)).body).toMatchObject({ name: 'A' })
  })
})

describe('credential types', () => {
  it('lists each type with labels in both languages and a JSON Schema marking secret fields writeOnly', async () => {
    const res = await api('GET', '/api/credential-types')
    const items = (
      res.body as {
        items: {
          type: string
          label: object
          schema: { properties: Record<string, { writeOnly?: boolean }> }
        }[]
      }
    ).items
    expect(items.map((i) => i.type)).toEqual([
      'http.bearer',
      'http.header',
      'http.basic',
      'openai.compatible',
      'model-provider',
      'wecom.bot',
      'dingtalk.bot',
      'feishu.bot',
      'webhook.signing',
      'smtp',
      'mcp.server',
    ])
    const mcp = items.find((i) => i.type === 'mcp.server')
    expect(mcp?.schema.properties.headers?.writeOnly).toBe(true)
    expect(mcp?.schema.properties.url?.writeOnly).toBeUndefined()
    const openai = items.find((i) => i.type === 'openai.compatible')
    expect(openai?.label).toEqual({ 'zh-CN': expect.any(String), en: 'OpenAI-compatible model API' })
    expect(openai?.schema.properties.apiKey?.writeOnly).toBe(true)
    expect(openai?.schema.properties.baseUrl?.writeOnly).toBeUndefined()
  })
})

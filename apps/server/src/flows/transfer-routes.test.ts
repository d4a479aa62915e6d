import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { validFlow } from '../test-support/flow-documents.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { attachment } from './content-disposition.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(() => t.close())

const api = (method: string, path: string, body?: unknown) =>
  callApi(app, method, path, { headers: owner, body })

describe('export and import', () => {
  it('downloads the draft as a JSON file named after the flow, which imports as a new, equal flow', async () => {
    const id = ((await api('POST', '/api/flows', validFlow('新闻摘要 "daily"'))).body as { id: string }).id
    const exported = await api('GET', `/api/flows/${id}/export`)
    expect(exported.status).toBe(200)
    expect(exported.res.headers.get('content-disposition')).toBe(
      `attachment; filename="daily.json"; filename*=UTF-8''${encodeURIComponent('新闻摘要 "daily".json')}`,
    )
    const imported = await api('POST', '/api/flows/import', exported.body)
    expect(imported.status).toBe(201)
    const copy = (imported.body as { id: string }).id
    expect(copy).not.toBe(id)
    const original = (await api('GET', `/api/flows/${id}`)).body as { document: unknown }
    expect((await api('GET', `/api/flows/${copy}`)).body).toMatchObject({ document: original.document })
  })

  it('also imports a saved GET /api/flows/{id} response, and names fields inside `document` when it is wrong', async () => {
    const wrapped = await api('POST', '/api/flows/import', {
      id: 'elsewhere',
      document: validFlow('wrapped'),
    })
    expect(wrapped.status).toBe(201)
    const broken = await api('POST', '/api/flows/import', { document: { ...validFlow(), nodes: 'none' } })
    expect(broken).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['document', 'nodes'] }] } } },
    })
    const bare = await api('POST', '/api/flows/import', { ...validFlow(), schemaVersion: 2 })
    expect(bare).toMatchObject({
      status: 400,
      body: { error: { details: { issues: [{ path: ['schemaVersion'] }] } } },
    })
  })

  it('refuses to import a flow whose webhook path another flow has, with 409', async () => {
    const doc = validFlow('hooked', { webhookPath: 'orders' })
    await api('POST', '/api/flows', doc)
    expect(await api('POST', '/api/flows/import', doc)).toMatchObject({
      status: 409,
      body: { error: { code: 'WEBHOOK_PATH_TAKEN' } },
    })
  })
})

describe('attachment', () => {
  it('keeps quotes, slashes and line breaks out of the header', () => {
    const header = attachment('a"b/c\\d\r\nSet-Cookie: x', 'json')
    expect(header).not.toMatch(/[\r\n]/)
    expect(header.split('filename*=')[0]).toBe('attachment; filename="a_b_c_d_Set-Cookie_ x.json"; ')
  })
})

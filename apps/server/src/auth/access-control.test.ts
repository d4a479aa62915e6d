import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { validFlow } from '../test-support/flow-documents.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let flowId: string
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
  const created = await callApi(app, 'POST', '/api/flows', {
    headers: owner,
    body: validFlow('Top secret flow'),
  })
  flowId = (created.body as { id: string }).id
})
afterEach(() => t.close())

/** Routes that answer without signing in, as `METHOD path` in OpenAPI form. */
const PUBLIC_ROUTES = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /api/setup',
  'POST /api/setup',
  'POST /api/auth/login',
  'GET /api/shared/{token}',
  // A published chat app is public by design; its access code and per-visitor limit are tested in chat-routes.test.ts.
  'GET /api/chat/{slug}',
  'POST /api/chat/{slug}',
  'POST /api/chat/{slug}/feedback',
])

describe('authentication', () => {
  it('is required by every route in the OpenAPI document except health, setup and login', async () => {
    const doc = (await callApi(app, 'GET', '/api/openapi.json')).body as { paths: Record<string, object> }
    const checked: string[] = []
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const route = `${method.toUpperCase()} ${path}`
        if (PUBLIC_ROUTES.has(route) || !path.startsWith('/api/')) continue
        const url = path.replace('{id}', flowId).replace(/\{[^}]+\}/g, '1')
        const res = await callApi(app, method.toUpperCase(), url, method === 'get' ? {} : { body: {} })
        expect({ route, status: res.status }).toEqual({ route, status: 401 })
        expect(res.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } })
        checked.push(route)
      }
    }
    // The document lists this module's routes and whatever else is mounted; at least ours must all be there.
    expect(checked.length).toBeGreaterThanOrEqual(20)
  })

  it.each([
    '/API/flows',
    '/api/flows/',
    '/api/%2e%2e/api/flows',
    '/api/%2E%2E/api/flows',
    '/api//flows',
    '/api/./flows',
    '/api/setup/../flows',
    '/api/auth/login/..%2f..%2fflows',
    `/api/flows/${'%2e'}/`,
    '/Api/flows',
  ])('gives no data for the path trick %s', async (path) => {
    for (const method of ['GET', 'POST']) {
      const res = await callApi(app, method, path, method === 'POST' ? { body: validFlow('planted') } : {})
      expect(JSON.stringify(res.body)).not.toContain('Top secret flow')
      // A path that is not the API may get the editor's page (a client-side route), never JSON data.
      if (res.status === 200) expect(res.res.headers.get('content-type')).toContain('text/html')
      else expect([401, 404]).toContain(res.status)
    }
    expect((await callApi(app, 'GET', '/api/flows', { headers: owner })).body).toMatchObject({ total: 1 })
  })

  it('accepts an API token and refuses malformed, unknown and revoked ones', async () => {
    const created = await callApi(app, 'POST', '/api/tokens', { headers: owner, body: { name: 'script' } })
    const { id, token } = created.body as { id: string; token: string }
    const bearer = (value: string) => ({ authorization: value })
    expect((await callApi(app, 'GET', '/api/flows', { headers: bearer(`Bearer ${token}`) })).status).toBe(200)
    expect((await callApi(app, 'GET', '/api/flows', { headers: bearer(`bearer  ${token}`) })).status).toBe(
      200,
    )
    for (const wrong of [
      `Basic ${token}`,
      'Bearer zl_pat_short',
      `Bearer ${token.slice(0, -1)}x`,
      `Bearer ${token}x`,
    ]) {
      expect((await callApi(app, 'GET', '/api/flows', { headers: bearer(wrong) })).status).toBe(401)
    }
    await callApi(app, 'DELETE', `/api/tokens/${id}`, { headers: owner })
    expect((await callApi(app, 'GET', '/api/flows', { headers: bearer(`Bearer ${token}`) })).status).toBe(401)
  })

  it('does not fall back to the session cookie when an Authorization header is present but wrong', async () => {
    const res = await callApi(app, 'GET', '/api/flows', {
      headers: { ...owner, authorization: 'Bearer nonsense' },
    })
    expect(res.status).toBe(401)
  })

  it('refuses a forged session cookie', async () => {
    const forged = { cookie: `zl_session=zl_sess_${'A'.repeat(43)}` }
    expect((await callApi(app, 'GET', '/api/auth/me', { headers: forged })).status).toBe(401)
  })
})

describe('CSRF', () => {
  it('refuses a cookie-authenticated change that is not sent as application/json', async () => {
    const cookie = { cookie: owner.cookie ?? '' }
    const form = await callApi(app, 'POST', '/api/flows', {
      headers: { ...cookie, 'content-type': 'text/plain' },
      body: JSON.stringify(validFlow('from another site')),
    })
    expect(form).toMatchObject({ status: 403, body: { error: { code: 'CSRF_REJECTED' } } })
    const bodyless = await callApi(app, 'DELETE', `/api/flows/${flowId}`, { headers: cookie })
    expect(bodyless.status).toBe(403)
    const list = await callApi(app, 'GET', '/api/flows', { headers: cookie })
    expect(list.body).toMatchObject({ total: 1, items: [{ id: flowId }] })
  })

  it('does not apply to API tokens, which a browser never sends on its own', async () => {
    const created = await callApi(app, 'POST', '/api/tokens', { headers: owner, body: { name: 'script' } })
    const authorization = `Bearer ${(created.body as { token: string }).token}`
    expect(
      (await callApi(app, 'DELETE', `/api/flows/${flowId}`, { headers: { authorization } })).status,
    ).toBe(204)
  })
})

describe('roles', () => {
  it('lets a viewer read but not create, edit, publish, import or manage credentials', async () => {
    const viewer = await createUserWithRole(app, owner, 'viewer')
    for (const headers of [viewer.cookie, viewer.bearer]) {
      expect((await callApi(app, 'GET', '/api/flows', { headers })).status).toBe(200)
      expect((await callApi(app, 'GET', '/api/nodes', { headers })).status).toBe(200)
      expect((await callApi(app, 'GET', '/api/credentials', { headers })).status).toBe(200)
      const refused = [
        await callApi(app, 'POST', '/api/flows', { headers, body: validFlow() }),
        await callApi(app, 'POST', '/api/flows/import', { headers, body: validFlow() }),
        await callApi(app, 'PUT', `/api/flows/${flowId}`, { headers, body: validFlow() }),
        await callApi(app, 'DELETE', `/api/flows/${flowId}`, { headers }),
        await callApi(app, 'POST', `/api/flows/${flowId}/publish`, { headers }),
        await callApi(app, 'POST', `/api/flows/${flowId}/rollback`, { headers, body: { version: 1 } }),
        await callApi(app, 'POST', '/api/credentials', {
          headers,
          body: { name: 'k', type: 'http.bearer', data: { token: 'abcdefghijklmnop' } },
        }),
        await callApi(app, 'PUT', '/api/credentials/x', { headers, body: { name: 'k' } }),
        await callApi(app, 'DELETE', '/api/credentials/x', { headers }),
      ]
      for (const res of refused) expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN' } })
    }
    expect((await callApi(app, 'GET', `/api/flows/${flowId}`, { headers: owner })).status).toBe(200)
  })

  it('lets an editor create flows but not manage users', async () => {
    const editor = await createUserWithRole(app, owner, 'editor')
    expect(
      (await callApi(app, 'POST', '/api/flows', { headers: editor.cookie, body: validFlow() })).status,
    ).toBe(201)
    expect((await callApi(app, 'GET', '/api/users', { headers: editor.cookie })).status).toBe(403)
    const add = await callApi(app, 'POST', '/api/users', {
      headers: editor.bearer,
      body: { email: 'new@example.com', password: 'long-enough-1', role: 'owner' },
    })
    expect(add).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
  })
})

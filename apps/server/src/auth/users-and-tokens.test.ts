import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import {
  type AuthHeaders,
  createUserWithRole,
  setupOwner,
  signIn,
  TEST_PASSWORD,
} from '../test-support/sign-in.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(() => t.close())

describe('users', () => {
  it('lets the owner add users with a role, who can then sign in with that role', async () => {
    const added = await callApi(app, 'POST', '/api/users', {
      headers: owner,
      body: { email: 'Editor@Example.com', password: TEST_PASSWORD, role: 'editor' },
    })
    expect(added).toMatchObject({
      status: 201,
      body: { user: { email: 'editor@example.com', role: 'editor' } },
    })
    const session = await signIn(app, 'editor@example.com')
    expect((await callApi(app, 'GET', '/api/auth/me', { headers: session })).body).toMatchObject({
      user: { role: 'editor' },
    })
    const list = await callApi(app, 'GET', '/api/users', { headers: owner })
    expect((list.body as { items: { role: string }[] }).items.map((u) => u.role)).toEqual(['owner', 'editor'])
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|passwordHash/)
  })

  it('refuses a second account with the same email, whatever its case, with 409 EMAIL_TAKEN', async () => {
    const body = { email: 'dup@example.com', password: TEST_PASSWORD, role: 'viewer' }
    expect((await callApi(app, 'POST', '/api/users', { headers: owner, body })).status).toBe(201)
    const again = await callApi(app, 'POST', '/api/users', {
      headers: owner,
      body: { ...body, email: 'DUP@example.com' },
    })
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'EMAIL_TAKEN' } } })
  })

  it('refuses an unknown role with VALIDATION_FAILED naming the field', async () => {
    const res = await callApi(app, 'POST', '/api/users', {
      headers: owner,
      body: { email: 'x@example.com', password: TEST_PASSWORD, role: 'admin' },
    })
    expect(res).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['role'] }] } } },
    })
  })
})

describe('API tokens', () => {
  it('shows a token once; lists never contain its value or hash', async () => {
    const created = await callApi(app, 'POST', '/api/tokens', {
      headers: owner,
      body: { name: 'deploy script' },
    })
    expect(created.status).toBe(201)
    const { token, id } = created.body as { token: string; id: string }
    expect(token).toMatch(/^zl_pat_[A-Za-z0-9_-]{43}$/)
    const list = await callApi(app, 'GET', '/api/tokens', { headers: owner })
    expect(list.body).toMatchObject({ items: [{ id, name: 'deploy script', lastUsedAt: null }] })
    expect(JSON.stringify(list.body)).not.toContain(token.slice(7))
    expect(JSON.stringify(list.body)).not.toMatch(/tokenHash|[0-9a-f]{64}/)
  })

  it('records when a token was last used', async () => {
    const created = await callApi(app, 'POST', '/api/tokens', { headers: owner, body: { name: 'cron' } })
    const { token } = created.body as { token: string }
    await callApi(app, 'GET', '/api/flows', { headers: { authorization: `Bearer ${token}` } })
    const list = await callApi(app, 'GET', '/api/tokens', { headers: owner })
    expect((list.body as { items: { lastUsedAt: number | null }[] }).items[0]?.lastUsedAt).toEqual(
      expect.any(Number),
    )
  })

  it("keeps one user's tokens from another: 404 on delete, absent from lists; the owner may revoke any", async () => {
    const a = await createUserWithRole(app, owner, 'editor')
    const b = await createUserWithRole(app, owner, 'editor')
    const aTokens = (await callApi(app, 'GET', '/api/tokens', { headers: a.cookie })).body as {
      items: { id: string }[]
    }
    const aTokenId = aTokens.items[0]?.id ?? ''
    const bList = await callApi(app, 'GET', '/api/tokens', { headers: b.cookie })
    expect(JSON.stringify(bList.body)).not.toContain(aTokenId)
    const stolen = await callApi(app, 'DELETE', `/api/tokens/${aTokenId}`, { headers: b.cookie })
    expect(stolen).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
    expect((await callApi(app, 'GET', '/api/auth/me', { headers: a.bearer })).status).toBe(200)
    expect((await callApi(app, 'DELETE', `/api/tokens/${aTokenId}`, { headers: owner })).status).toBe(204)
    expect((await callApi(app, 'GET', '/api/auth/me', { headers: a.bearer })).status).toBe(401)
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { validFlow } from '../test-support/flow-documents.ts'
import {
  type AuthHeaders,
  createUserWithRole,
  OWNER_EMAIL,
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

const me = (headers: AuthHeaders) => callApi(app, 'GET', '/api/auth/me', { headers })
const login = (email: string, password: string) =>
  callApi(app, 'POST', '/api/auth/login', { body: { email, password } })
const ownerId = async () => ((await me(owner)).body as { user: { id: string } }).user.id

describe('resetting a password', () => {
  it('sets the password the owner typed, ends the old sessions, and the old password no longer works', async () => {
    const editor = await createUserWithRole(app, owner, 'editor')
    const res = await callApi(app, 'POST', `/api/users/${editor.userId}/password`, {
      headers: owner,
      body: { password: '新的密码新的密码' },
    })
    expect(res).toMatchObject({ status: 200, body: { password: '新的密码新的密码' } })
    expect((await me(editor.cookie)).status).toBe(401)
    expect((await login(editor.email, TEST_PASSWORD)).status).toBe(401)
    expect((await login(editor.email, '新的密码新的密码')).status).toBe(200)
  })

  it('generates a readable password when none is given and answers it this once', async () => {
    const editor = await createUserWithRole(app, owner, 'viewer')
    const res = await callApi(app, 'POST', `/api/users/${editor.userId}/password`, {
      headers: owner,
      body: {},
    })
    const { password } = res.body as { password: string }
    expect(password).toMatch(/^[a-km-z2-9]{4}-[a-km-z2-9]{4}-[a-km-z2-9]{4}$/)
    expect((await login(editor.email, password)).status).toBe(200)
    expect(JSON.stringify((await callApi(app, 'GET', '/api/users', { headers: owner })).body)).not.toContain(
      password,
    )
  })

  it('refuses a short password with 400 PASSWORD_WEAK and an unknown user with 404', async () => {
    const editor = await createUserWithRole(app, owner, 'editor')
    const weak = await callApi(app, 'POST', `/api/users/${editor.userId}/password`, {
      headers: owner,
      body: { password: 'short' },
    })
    expect(weak).toMatchObject({ status: 400, body: { error: { code: 'PASSWORD_WEAK' } } })
    const missing = await callApi(app, 'POST', '/api/users/nobody/password', { headers: owner, body: {} })
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
  })
})

describe('disabling and enabling', () => {
  it('a disabled user cannot sign in (403 ACCOUNT_DISABLED), and their sessions and tokens stop working', async () => {
    const editor = await createUserWithRole(app, owner, 'editor')
    const off = await callApi(app, 'PATCH', `/api/users/${editor.userId}`, {
      headers: owner,
      body: { disabled: true },
    })
    expect(off).toMatchObject({ status: 200, body: { user: { disabledAt: expect.any(Number) } } })
    expect((await me(editor.cookie)).status).toBe(401)
    expect((await me(editor.bearer)).status).toBe(401)
    const refused = await login(editor.email, TEST_PASSWORD)
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'ACCOUNT_DISABLED' } } })
    // A wrong password still gets the answer every wrong password gets.
    expect((await login(editor.email, 'wrong-password')).status).toBe(401)

    const on = await callApi(app, 'PATCH', `/api/users/${editor.userId}`, {
      headers: owner,
      body: { disabled: false },
    })
    expect(on).toMatchObject({ status: 200, body: { user: { disabledAt: null } } })
    expect((await me(editor.bearer)).status).toBe(200)
    expect((await login(editor.email, TEST_PASSWORD)).status).toBe(200)
  })

  it('changes a role', async () => {
    const viewer = await createUserWithRole(app, owner, 'viewer')
    const res = await callApi(app, 'PATCH', `/api/users/${viewer.userId}`, {
      headers: owner,
      body: { role: 'editor' },
    })
    expect(res).toMatchObject({ status: 200, body: { user: { role: 'editor' } } })
    expect((await me(viewer.cookie)).body).toMatchObject({ user: { role: 'editor' } })
  })
})

describe('deleting', () => {
  it('removes the account, ends its sessions and tokens, and hands its flows to the owner', async () => {
    const editor = await createUserWithRole(app, owner, 'editor')
    const flow = await callApi(app, 'POST', '/api/flows', {
      headers: editor.cookie,
      body: validFlow('留下的流程'),
    })
    expect(flow.status).toBe(201)
    const flowId = (flow.body as { id: string }).id

    expect((await callApi(app, 'DELETE', `/api/users/${editor.userId}`, { headers: owner })).status).toBe(204)
    expect((await me(editor.cookie)).status).toBe(401)
    expect((await me(editor.bearer)).status).toBe(401)
    expect((await login(editor.email, TEST_PASSWORD)).status).toBe(401)
    const kept = await callApi(app, 'GET', `/api/flows/${flowId}`, { headers: owner })
    expect(kept).toMatchObject({ status: 200, body: { ownerId: await ownerId() } })
    const again = await callApi(app, 'DELETE', `/api/users/${editor.userId}`, { headers: owner })
    expect(again).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
  })
})

describe('who may manage accounts', () => {
  it('only the owner: an editor gets 403 on every change', async () => {
    const editor = await createUserWithRole(app, owner, 'editor')
    const id = await ownerId()
    const h = { headers: editor.cookie }
    expect((await callApi(app, 'PATCH', `/api/users/${id}`, { ...h, body: { disabled: true } })).status).toBe(
      403,
    )
    expect((await callApi(app, 'POST', `/api/users/${id}/password`, { ...h, body: {} })).status).toBe(403)
    expect((await callApi(app, 'DELETE', `/api/users/${id}`, h)).status).toBe(403)
    expect((await me(owner)).status).toBe(200)
  })

  it('an owner cannot disable or delete themselves (409 CANNOT_REMOVE_SELF)', async () => {
    const id = await ownerId()
    const off = await callApi(app, 'PATCH', `/api/users/${id}`, { headers: owner, body: { disabled: true } })
    expect(off).toMatchObject({ status: 409, body: { error: { code: 'CANNOT_REMOVE_SELF' } } })
    const gone = await callApi(app, 'DELETE', `/api/users/${id}`, { headers: owner })
    expect(gone).toMatchObject({ status: 409, body: { error: { code: 'CANNOT_REMOVE_SELF' } } })
    expect((await me(owner)).status).toBe(200)
  })

  it('the last enabled owner cannot be demoted or disabled (409 LAST_OWNER); with a second owner it can', async () => {
    const id = await ownerId()
    const demote = () =>
      callApi(app, 'PATCH', `/api/users/${id}`, { headers: owner, body: { role: 'editor' } })
    expect(await demote()).toMatchObject({ status: 409, body: { error: { code: 'LAST_OWNER' } } })

    const second = await createUserWithRole(app, owner, 'owner')
    // The second owner disables the first: now the second is the last enabled owner and may not be demoted.
    const off = await callApi(app, 'PATCH', `/api/users/${id}`, {
      headers: second.cookie,
      body: { disabled: true },
    })
    expect(off.status).toBe(200)
    const selfDemote = await callApi(app, 'PATCH', `/api/users/${second.userId}`, {
      headers: second.cookie,
      body: { role: 'viewer' },
    })
    expect(selfDemote).toMatchObject({ status: 409, body: { error: { code: 'LAST_OWNER' } } })
    expect((await login(OWNER_EMAIL, TEST_PASSWORD)).status).toBe(403)
    // Enabled again, the first owner makes the second an editor.
    await callApi(app, 'PATCH', `/api/users/${id}`, { headers: second.cookie, body: { disabled: false } })
    const first = await signIn(app, OWNER_EMAIL)
    expect(
      (
        await callApi(app, 'PATCH', `/api/users/${second.userId}`, {
          headers: first,
          body: { role: 'editor' },
        })
      ).status,
    ).toBe(200)
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { hashPassword } from '../security/password.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { OWNER_EMAIL, setupOwner, TEST_PASSWORD } from '../test-support/sign-in.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
})
afterEach(() => t.close())

describe('owner setup', () => {
  it('is offered on first start and refused with 409 SETUP_DONE once an owner exists', async () => {
    expect((await callApi(app, 'GET', '/api/setup')).body).toEqual({ needed: true })
    const first = await callApi(app, 'POST', '/api/setup', {
      body: { email: 'Boss@Example.com', password: TEST_PASSWORD },
    })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ user: { email: 'boss@example.com', role: 'owner' } })
    expect(JSON.stringify(first.body)).not.toContain('scrypt')
    expect((await callApi(app, 'GET', '/api/setup')).body).toEqual({ needed: false })
    const again = await callApi(app, 'POST', '/api/setup', {
      body: { email: 'intruder@example.com', password: TEST_PASSWORD },
    })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ error: { code: 'SETUP_DONE' } })
  })

  it('creates exactly one owner when two setups arrive at once', async () => {
    const results = await Promise.all(
      ['a@example.com', 'b@example.com', 'c@example.com'].map((email) =>
        callApi(app, 'POST', '/api/setup', { body: { email, password: TEST_PASSWORD } }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409])
    expect(await t.deps.store.countUsers()).toBe(1)
  })

  it('signs the new owner in with an httpOnly, SameSite=Lax session cookie holding an opaque token', async () => {
    const res = await callApi(app, 'POST', '/api/setup', {
      body: { email: OWNER_EMAIL, password: TEST_PASSWORD },
    })
    const cookie = res.res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^zl_session=zl_sess_[A-Za-z0-9_-]{43};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).not.toContain('Secure')
    const me = await callApi(app, 'GET', '/api/auth/me', { headers: { cookie: cookie.split(';')[0] ?? '' } })
    expect(me.body).toMatchObject({ user: { email: OWNER_EMAIL, role: 'owner' } })
  })

  it('marks the cookie Secure when the request came over https', async () => {
    const res = await app.request('https://zhiliu.example.com/api/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: OWNER_EMAIL, password: TEST_PASSWORD }),
    })
    expect(res.headers.get('set-cookie')).toContain('Secure')
  })

  it('refuses a weak password with 400 PASSWORD_WEAK and a malformed email with VALIDATION_FAILED', async () => {
    const weak = await callApi(app, 'POST', '/api/setup', { body: { email: OWNER_EMAIL, password: 'short' } })
    expect(weak.status).toBe(400)
    expect(weak.body).toMatchObject({ error: { code: 'PASSWORD_WEAK' } })
    const bad = await callApi(app, 'POST', '/api/setup', { body: { email: 'nope', password: TEST_PASSWORD } })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['email'] }] } },
    })
  })
})

describe('login and logout', () => {
  it('answers a wrong password and an unknown email alike with 401 INVALID_CREDENTIALS', async () => {
    await setupOwner(app)
    const wrong = await callApi(app, 'POST', '/api/auth/login', {
      body: { email: OWNER_EMAIL, password: 'not-the-password' },
    })
    const unknown = await callApi(app, 'POST', '/api/auth/login', {
      body: { email: 'nobody@example.com', password: TEST_PASSWORD },
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body).toEqual(unknown.body)
    expect(wrong.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } })
    expect(wrong.res.headers.get('set-cookie')).toBeNull()
  })

  it('signs in with the right password, case-insensitively by email, and logout ends that session', async () => {
    await setupOwner(app)
    const login = await callApi(app, 'POST', '/api/auth/login', {
      body: { email: OWNER_EMAIL.toUpperCase(), password: TEST_PASSWORD },
    })
    expect(login.status).toBe(200)
    const session = {
      cookie: login.res.headers.get('set-cookie')?.split(';')[0] ?? '',
      'content-type': 'application/json',
    }
    expect((await callApi(app, 'GET', '/api/auth/me', { headers: session })).status).toBe(200)
    const out = await callApi(app, 'POST', '/api/auth/logout', { headers: session })
    expect(out.status).toBe(204)
    expect(out.res.headers.get('set-cookie')).toMatch(/^zl_session=;/)
    // The old cookie value is dead on the server too, not just cleared in the browser.
    expect((await callApi(app, 'GET', '/api/auth/me', { headers: session })).status).toBe(401)
  })

  it('refuses a login sent as a form, so a cross-site page cannot sign a victim into another account', async () => {
    await setupOwner(app)
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${encodeURIComponent(OWNER_EMAIL)}&password=${TEST_PASSWORD}`,
    })
    expect(res.status).toBe(415)
    expect(res.headers.get('set-cookie')).toBeNull()
  })
})

describe('password guessing', () => {
  const login = (email: string, password: string) =>
    callApi(app, 'POST', '/api/auth/login', { body: { email, password } })

  it('locks an account for 15 minutes after 10 wrong passwords, even against the right one, and not others', async () => {
    await setupOwner(app)
    const other = 'editor@example.com'
    await t.deps.store.createUser({
      email: other,
      passwordHash: await hashPassword(TEST_PASSWORD),
      role: 'editor',
    })
    for (let i = 0; i < 10; i++) expect((await login(OWNER_EMAIL, `guess-number-${i}`)).status).toBe(401)

    const locked = await login(OWNER_EMAIL.toUpperCase(), TEST_PASSWORD)
    expect(locked.status).toBe(429)
    expect(locked.body).toMatchObject({ error: { code: 'TOO_MANY_ATTEMPTS' } })
    const wait = Number(locked.res.headers.get('retry-after'))
    expect(wait).toBeGreaterThan(14 * 60)
    expect(wait).toBeLessThanOrEqual(15 * 60)
    expect(locked.body).toMatchObject({ error: { details: { retryAfterSeconds: wait } } })
    expect(locked.res.headers.get('set-cookie')).toBeNull()

    // Another account from the same address still gets an honest answer.
    expect((await login(other, 'wrong-password-1')).status).toBe(401)
  })

  it('forgets the mistakes of an account once its password is given correctly', async () => {
    await setupOwner(app)
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 9; i++) expect((await login(OWNER_EMAIL, `typo-${round}-${i}`)).status).toBe(401)
      expect((await login(OWNER_EMAIL, TEST_PASSWORD)).status).toBe(200)
    }
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { signWebhook } from '../security/webhook-signature.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'
import { echo, hookFlow, publishHook, runCount } from './hook-test-kit.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let flowId: string
let secret: string
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
  flowId = await publishHook(t.deps, hookFlow({ signing: true }, [echo]))
  const res = await callApi(app, 'POST', `/api/flows/${flowId}/webhook-secret`, { headers: owner })
  expect(res.status).toBe(201)
  secret = (res.body as { secret: string }).secret
})
afterEach(() => t.close())

const body = JSON.stringify({ title: 'signed' })
const call = (headers: Record<string, string>, payload = body) =>
  app.request(`/hooks/${flowId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
  })
const signed = (overrides: { id?: string; timestamp?: number; secret?: string; body?: string } = {}) => ({
  ...signWebhook({
    secret: overrides.secret ?? secret,
    id: overrides.id ?? `msg_${Math.random()}`,
    timestamp: overrides.timestamp ?? Date.now() / 1000,
    body: overrides.body ?? body,
  }),
})
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code

describe('signed webhooks', () => {
  it('accepts a call signed with the flow secret, and keeps the signature out of the run event', async () => {
    const res = await call(signed())
    expect(res.status).toBe(201)
    const run = await t.deps.store.getRun(
      { userId: 'x', all: true },
      res.headers.get('x-zhiliu-run-id') ?? '',
    )
    expect(run?.event.headers).not.toHaveProperty('webhook-signature')
  })

  it('refuses missing, wrong, stale and replayed signatures with 401 and their codes, starting no run', async () => {
    expect(await codeOf(await call({}))).toBe('SIGNATURE_MISSING')
    expect(
      await codeOf(await call(signed({ secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}` }))),
    ).toBe('SIGNATURE_INVALID')
    expect(await codeOf(await call(signed({ body: '{"title":"other"}' })))).toBe('SIGNATURE_INVALID')
    expect(await codeOf(await call(signed({ timestamp: Date.now() / 1000 - 301 })))).toBe('SIGNATURE_STALE')
    expect(await runCount(t.deps)).toBe(0)
    const once = signed({ id: 'msg_once' })
    expect((await call(once)).status).toBe(201)
    const replay = await call(once)
    expect(replay.status).toBe(401)
    expect(await codeOf(replay)).toBe('SIGNATURE_REPLAYED')
    expect(await runCount(t.deps)).toBe(1)
  })

  it('stops accepting the old secret as soon as it is replaced', async () => {
    const rotated = await callApi(app, 'POST', `/api/flows/${flowId}/webhook-secret`, { headers: owner })
    const next = (rotated.body as { secret: string }).secret
    expect(next).not.toBe(secret)
    expect(await codeOf(await call(signed()))).toBe('SIGNATURE_INVALID')
    expect((await call(signed({ secret: next }))).status).toBe(201)
  })

  it('never shows the secret again: credentials list it masked, and viewers cannot create one', async () => {
    const listed = await callApi(app, 'GET', '/api/credentials', { headers: owner })
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(6))
    expect(JSON.stringify(listed.body)).toContain('webhook-secret')
    const viewer = await createUserWithRole(app, owner, 'viewer')
    const refused = await callApi(app, 'POST', `/api/flows/${flowId}/webhook-secret`, {
      headers: viewer.bearer,
    })
    expect(refused.status).toBe(403)
    const stranger = await createUserWithRole(app, owner, 'editor')
    const hidden = await callApi(app, 'POST', `/api/flows/${flowId}/webhook-secret`, {
      headers: stranger.bearer,
    })
    expect(hidden.status).toBe(404)
  })
})

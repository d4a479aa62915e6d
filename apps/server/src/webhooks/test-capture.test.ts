import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'
import { echo, hookFlow, publishHook, runCount } from './hook-test-kit.ts'
import { TEST_WINDOW_MS } from './test-capture.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let flowId: string
let clock: number

beforeEach(async () => {
  clock = Date.now()
  t = await createTestDeps({ config: { bodyLimitBytes: 2048 }, now: () => clock })
  app = createApp(t.deps)
  owner = await setupOwner(app)
  // A draft that was never published: capturing sample input must not need a published version.
  flowId = await publishHook(t.deps, hookFlow({}, [echo]), { publish: false })
})
afterEach(() => t.close())

interface Window {
  status: string
  testUrl: string
  expiresAt: number
  capture?: { body: unknown; headers: Record<string, string>; query: Record<string, string> }
}

const open = async (headers = owner) => {
  const res = await callApi(app, 'POST', `/api/flows/${flowId}/webhook-test`, { headers })
  expect(res.status).toBe(201)
  return res.body as Window
}
const read = async (query = '') =>
  (await callApi(app, 'GET', `/api/flows/${flowId}/webhook-test${query}`, { headers: owner })).body as Window
const send = (url: string, body: string, headers: Record<string, string> = {}) =>
  app.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code

describe('waiting for a test request', () => {
  it('captures the next call once (body, query, headers without credentials) and runs nothing', async () => {
    const window = await open()
    expect(window).toMatchObject({
      status: 'waiting',
      expiresAt: clock + TEST_WINDOW_MS,
      expiresInMs: TEST_WINDOW_MS,
    })
    expect(window.testUrl).toMatch(new RegExp(`^/hooks/test/${flowId}/[\\w-]{32}$`))

    const res = await send(`${window.testUrl}?source=cms`, JSON.stringify({ title: '样例' }), {
      cookie: 'zl_session=abc',
      authorization: 'Bearer secret',
      'x-source': 'cms',
    })
    expect(res.status).toBe(200)
    await expect(res.json()).resolves.toEqual({ captured: true })
    expect(await runCount(t.deps)).toBe(0)

    const seen = await read()
    expect(seen.status).toBe('captured')
    expect(seen.capture).toMatchObject({ body: { title: '样例' }, query: { source: 'cms' } })
    expect(seen.capture?.headers).toMatchObject({ 'x-source': 'cms' })
    expect(seen.capture?.headers).not.toHaveProperty('cookie')
    expect(seen.capture?.headers).not.toHaveProperty('authorization')

    const again = await send(window.testUrl, '{"title":"second"}')
    expect(again.status).toBe(410)
    expect(await codeOf(again)).toBe('TEST_WINDOW_CLOSED')
    expect((await read()).capture?.body).toEqual({ title: '样例' })
  })

  it('answers a long poll as soon as the call arrives', async () => {
    const window = await open()
    let settled = false
    const poll = read('?wait=10').finally(() => {
      settled = true
    })
    await sleep(300)
    expect(settled).toBe(false)
    const started = Date.now()
    await send(window.testUrl, 'title=表单&tag=a&tag=b', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    const seen = await poll
    expect(Date.now() - started).toBeLessThan(5000)
    expect(seen).toMatchObject({ status: 'captured', capture: { body: { title: '表单', tag: ['a', 'b'] } } })
  })

  it('refuses a closed window with 410 and an unknown or replaced URL with 404', async () => {
    const first = await open()
    const second = await open()
    expect(second.testUrl).not.toBe(first.testUrl)
    expect((await send(first.testUrl, '{}')).status).toBe(404)
    expect((await send(`/hooks/test/${flowId}/not-the-token`, '{}')).status).toBe(404)

    clock += TEST_WINDOW_MS
    const late = await send(second.testUrl, '{}')
    expect(late.status).toBe(410)
    expect(await codeOf(late)).toBe('TEST_WINDOW_CLOSED')
    expect(await read()).toMatchObject({ status: 'expired' })
    expect((await read()).capture).toBeUndefined()
  })

  it('keeps the window open past a refused body: too large (413), malformed (400), unsupported (415)', async () => {
    const window = await open()
    expect((await send(window.testUrl, JSON.stringify({ text: 'x'.repeat(3000) }))).status).toBe(413)
    expect((await send(window.testUrl, '{"broken":')).status).toBe(400)
    expect((await send(window.testUrl, 'x', { 'content-type': 'image/png' })).status).toBe(415)
    expect((await read()).status).toBe('waiting')
    expect((await send(window.testUrl, 'plain words', { 'content-type': 'text/plain' })).status).toBe(200)
    expect((await read()).capture?.body).toBe('plain words')
  })

  it("hides another user's flow (404), needs the editor role (403) and a sign-in (401)", async () => {
    const stranger = await createUserWithRole(app, owner, 'editor')
    for (const method of ['POST', 'GET']) {
      const res = await callApi(app, method, `/api/flows/${flowId}/webhook-test`, {
        headers: stranger.bearer,
      })
      expect(res.status).toBe(404)
    }
    const viewer = await createUserWithRole(app, owner, 'viewer')
    const refused = await callApi(app, 'POST', `/api/flows/${flowId}/webhook-test`, {
      headers: viewer.bearer,
    })
    expect(refused.status).toBe(403)
    expect((await callApi(app, 'POST', `/api/flows/${flowId}/webhook-test`)).status).toBe(401)
    expect((await callApi(app, 'GET', `/api/flows/${flowId}/webhook-test`, { headers: owner })).status).toBe(
      404,
    )
  })
})

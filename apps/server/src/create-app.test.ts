import { join } from 'node:path'
import { createSqliteStore, type Store } from '@zhiliu/db'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from './create-app.ts'
import { createHealthRoutes } from './http/create-health-routes.ts'
import { callApi } from './test-support/call-api.ts'
import { createTestDeps, type TestDeps, type TestOverrides } from './test-support/create-test-deps.ts'
import { validFlow } from './test-support/flow-documents.ts'
import { type AuthHeaders, setupOwner } from './test-support/sign-in.ts'

let t: TestDeps | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

async function start(overrides: TestOverrides = {}) {
  t = await createTestDeps(overrides)
  return { app: createApp(t.deps), t }
}

async function startSignedIn(
  overrides: TestOverrides = {},
): Promise<{ app: ReturnType<typeof createApp>; owner: AuthHeaders }> {
  const { app } = await start(overrides)
  return { app, owner: await setupOwner(app) }
}

/** A store whose every call fails, as when the database file has gone away. */
function brokenStore(store: Store, methods: (keyof Store)[]): Store {
  const broken = { ...store }
  const failure = () => Object.assign(new Error('disk I/O error at /secret/path'), { code: 'SQLITE_IOERR' })
  for (const method of methods) {
    Object.assign(broken, { [method]: () => Promise.reject(failure()) })
  }
  return broken
}

describe('health', () => {
  it('answers /healthz and /readyz without signing in', async () => {
    const { app } = await start()
    expect(await callApi(app, 'GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } })
    expect(await callApi(app, 'GET', '/readyz')).toEqual(
      expect.objectContaining({
        status: 200,
        body: { status: 'ready', checks: { database: 'ok', storage: 'ok' } },
      }),
    )
  })

  it('reports not ready with 503 when the SQLite database is closed, while /healthz stays up', async () => {
    t = await createTestDeps()
    const closed = createSqliteStore({ file: join(t.dataDir, 'closed.db') })
    closed.close()
    const app = createApp({ ...t.deps, store: closed })
    expect(await callApi(app, 'GET', '/readyz')).toEqual(
      expect.objectContaining({
        status: 503,
        body: { status: 'not_ready', checks: { database: 'unavailable', storage: 'ok' } },
      }),
    )
    expect((await callApi(app, 'GET', '/healthz')).status).toBe(200)
  })

  it("names the failing database's error code but never its message (a path, a host) in the answer", async () => {
    t = await createTestDeps()
    const broken = brokenStore(t.deps.store, ['countUsers'])
    const app = createApp({ ...t.deps, store: broken })
    const res = await callApi(app, 'GET', '/readyz')
    expect(res).toMatchObject({
      status: 503,
      body: { status: 'not_ready', checks: { database: 'unavailable (SQLITE_IOERR)', storage: 'ok' } },
    })
    expect(JSON.stringify(res.body)).not.toContain('/secret/path')
    expect(t.logs.some((l) => l.msg === 'readiness check failed' && l.check === 'database')).toBe(true)
  })

  it('counts a check that does not answer in time as failed, and reports every check by name', async () => {
    t = await createTestDeps()
    const health = createHealthRoutes(t.deps, {
      checks: { database: () => Promise.resolve(), redis: () => new Promise(() => {}) },
      timeoutMs: 50,
    })
    const res = await callApi(health, 'GET', '/readyz')
    expect(res).toMatchObject({
      status: 503,
      body: { status: 'not_ready', checks: { database: 'ok', redis: 'timed out after 50 ms' } },
    })
  })
})

describe('errors', () => {
  it('answers an unknown API route with a JSON 404 (after sign-in: before it, 401 says nothing about routes)', async () => {
    const { app, owner } = await startSignedIn()
    expect((await callApi(app, 'GET', '/api/nowhere')).status).toBe(401)
    for (const path of ['/api/nowhere', '/api', '/hooks']) {
      const res = await callApi(app, 'POST', path, { headers: owner, body: {} })
      expect(res).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
    }
  })

  it('answers an unexpected failure with a bare 500 and logs it, without leaking the cause to the caller', async () => {
    t = await createTestDeps()
    const app = createApp({ ...t.deps, store: brokenStore(t.deps.store, ['listFlows']) })
    const owner = await setupOwner(app)
    const res = await callApi(app, 'GET', '/api/flows', { headers: owner })
    expect(res).toMatchObject({
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'internal server error' } },
    })
    expect(JSON.stringify(res.body)).not.toContain('/secret/path')
    expect(
      t?.logs.some((l) => l.msg === 'request failed' && JSON.stringify(l).includes('disk I/O error')),
    ).toBe(true)
  })

  it('names every invalid field of a body in VALIDATION_FAILED', async () => {
    const { app, owner } = await startSignedIn()
    const doc = validFlow()
    const res = await callApi(app, 'POST', '/api/flows', {
      headers: owner,
      body: { ...doc, name: '', nodes: [{ ...doc.nodes[0], id: '1 bad id' }] },
    })
    expect(res.status).toBe(400)
    const body = res.body as {
      error: { code: string; details: { target: string; issues: { path: unknown[] }[] } }
    }
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.details.target).toBe('json')
    expect(body.error.details.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([['name'], ['nodes', 0, 'id']]),
    )
  })

  it('refuses malformed JSON with 400 INVALID_JSON', async () => {
    const { app, owner } = await startSignedIn()
    const res = await callApi(app, 'POST', '/api/flows', {
      headers: owner,
      body: '{"schemaVersion": 1, "name": ',
    })
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'INVALID_JSON' } } })
  })

  it('refuses absurdly deep nesting with 400 instead of overflowing the stack', async () => {
    const { app, owner } = await startSignedIn()
    const depth = 50_000
    const res = await callApi(app, 'POST', '/api/flows', {
      headers: owner,
      body: `{"schemaVersion":1,"name":"deep","nodes":[],"edges":[],"description":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    })
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'INVALID_JSON' } } })
    expect((await callApi(app, 'GET', '/healthz')).status).toBe(200)
  })

  it('refuses a __proto__ key anywhere in a body and leaves Object.prototype untouched', async () => {
    const { app, owner } = await startSignedIn()
    const top = await callApi(app, 'POST', '/api/flows', {
      headers: owner,
      body: '{"__proto__":{"polluted":true}}',
    })
    const nested = validFlow() as { nodes: { config: unknown }[] }
    const text = JSON.stringify(nested).replace('"config":{}', '"config":{"__proto__":{"polluted":true}}')
    const deep = await callApi(app, 'POST', '/api/flows', { headers: owner, body: text })
    for (const res of [top, deep])
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'INVALID_JSON' } } })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((await callApi(app, 'GET', '/api/flows', { headers: owner })).body).toMatchObject({ total: 0 })
  })

  it('refuses a body that is not UTF-8 with 400 INVALID_UTF8 on every route, storing nothing', async () => {
    const { app, owner } = await startSignedIn()
    // The name "Gr\xFF\xFEeting": two bytes no UTF-8 text contains, which a lenient decoder stores as "��".
    const latin = (name: string, doc: object) => {
      const [before, after] = JSON.stringify({ ...doc, name: 'MARK' }).split('MARK')
      return Buffer.concat([
        Buffer.from(`${before}${name}`),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`${after}`),
      ])
    }
    const send = (method: string, path: string, body: Uint8Array) =>
      app.request(path, { method, headers: { ...owner, 'content-type': 'application/json' }, body })
    const created = await callApi(app, 'POST', '/api/flows', { headers: owner, body: validFlow('Kept') })
    const id = (created.body as { id: string }).id
    const refused = [
      await send('POST', '/api/flows', latin('Gr', validFlow())),
      await send('PUT', `/api/flows/${id}`, latin('Gr', validFlow())),
      await send('POST', '/api/tokens', latin('script', {})),
    ]
    for (const res of refused) {
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: { code: 'INVALID_UTF8', message: /not valid UTF-8/ } })
    }
    const flows = (await callApi(app, 'GET', '/api/flows', { headers: owner })).body as {
      total: number
      items: { name: string }[]
    }
    expect({ total: flows.total, names: flows.items.map((f) => f.name) }).toEqual({
      total: 1,
      names: ['Kept'],
    })
    expect((await callApi(app, 'GET', '/api/tokens', { headers: owner })).body).toEqual({ items: [] })
  })

  it('answers a body over the limit with 413 BODY_TOO_LARGE, with or without Content-Length', async () => {
    const { app, owner } = await startSignedIn({ config: { bodyLimitBytes: 2048 } })
    const big = JSON.stringify({ ...validFlow(), description: 'x'.repeat(4000) })
    const declared = await callApi(app, 'POST', '/api/flows', {
      headers: { ...owner, 'content-length': String(Buffer.byteLength(big)) },
      body: big,
    })
    const streamed = await callApi(app, 'POST', '/api/flows', { headers: owner, body: big })
    for (const res of [declared, streamed])
      expect(res).toMatchObject({ status: 413, body: { error: { code: 'BODY_TOO_LARGE' } } })
    expect((await callApi(app, 'GET', '/api/flows', { headers: owner })).body).toMatchObject({ total: 0 })
  })
})

describe('every response', () => {
  it('carries the security headers', async () => {
    const { app } = await start()
    const res = await app.request('/api/setup')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin')
  })

  it('is logged with method, path, status and user, but never the query string', async () => {
    const { app, t } = await start()
    const owner = await setupOwner(app)
    await callApi(app, 'GET', '/api/flows?limit=5&token=zl_pat_leaked', { headers: owner })
    const line = t.logs.find((l) => l.msg === 'request' && l.path === '/api/flows')
    expect(line).toMatchObject({ method: 'GET', status: 200, userId: expect.any(String) })
    expect(JSON.stringify(t.logs)).not.toContain('zl_pat_leaked')
  })
})

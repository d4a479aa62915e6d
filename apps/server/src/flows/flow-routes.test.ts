import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { incompleteFlow, validFlow } from '../test-support/flow-documents.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(() => t.close())

const create = async (body: unknown) => callApi(app, 'POST', '/api/flows', { headers: owner, body })
const idOf = (res: { body: unknown }) => (res.body as { id: string }).id

describe('flows', () => {
  it('creates a flow and returns its draft with the schema defaults filled in', async () => {
    const created = await create(validFlow('Greeting'))
    expect(created.status).toBe(201)
    const res = await callApi(app, 'GET', `/api/flows/${idOf(created)}`, { headers: owner })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: idOf(created),
      name: 'Greeting',
      publishedVersion: null,
      webhookPath: null,
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
      document: { name: 'Greeting', settings: { concurrency: 8 } },
    })
    const nodes = (res.body as { document: { nodes: unknown[] } }).document.nodes
    expect(nodes[0]).toMatchObject({
      id: 'hook',
      name: '',
      position: { x: 0, y: 0 },
      settings: { onError: 'fail' },
    })
  })

  it('accepts an incomplete draft: only the shape is checked on save', async () => {
    expect((await create(incompleteFlow())).status).toBe(201)
  })

  it('pages the list with limit and offset, newest change first, and reports the total', async () => {
    for (const name of ['one', 'two', 'three']) await create(validFlow(name))
    const first = await callApi(app, 'GET', '/api/flows?limit=2', { headers: owner })
    expect(first.body).toMatchObject({ total: 3, limit: 2, offset: 0 })
    const second = await callApi(app, 'GET', '/api/flows?limit=2&offset=2', { headers: owner })
    const names = [first, second].flatMap((r) =>
      (r.body as { items: { name: string }[] }).items.map((f) => f.name),
    )
    expect(names).toHaveLength(3)
    expect(new Set(names)).toEqual(new Set(['one', 'two', 'three']))
    expect(JSON.stringify(first.body)).not.toContain('"document"')
    const bad = await callApi(app, 'GET', '/api/flows?limit=0', { headers: owner })
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { target: 'query' } } },
    })
  })

  it('replaces the draft on PUT and deletes on DELETE', async () => {
    const id = idOf(await create(validFlow('before')))
    const put = await callApi(app, 'PUT', `/api/flows/${id}`, { headers: owner, body: validFlow('after') })
    expect(put).toMatchObject({ status: 200, body: { name: 'after', document: { name: 'after' } } })
    expect((await callApi(app, 'DELETE', `/api/flows/${id}`, { headers: owner })).status).toBe(204)
    expect((await callApi(app, 'GET', `/api/flows/${id}`, { headers: owner })).status).toBe(404)
    expect((await callApi(app, 'DELETE', `/api/flows/${id}`, { headers: owner })).status).toBe(404)
  })

  it('refuses to overwrite a draft saved elsewhere since the revision the caller sends in If-Match', async () => {
    const id = idOf(await create(validFlow('v1')))
    const read = await callApi(app, 'GET', `/api/flows/${id}`, { headers: owner })
    const etag = read.res.headers.get('etag') as string
    expect(etag).toBe(`"${(read.body as { updatedAt: number }).updatedAt}"`)

    // Tab A saves over what it read and gets the new revision back.
    const tabA = await callApi(app, 'PUT', `/api/flows/${id}`, {
      headers: { ...owner, 'if-match': etag },
      body: validFlow('tab A'),
    })
    expect(tabA.status).toBe(200)
    expect(tabA.res.headers.get('etag')).not.toBe(etag)

    // Tab B still holds the first revision: refused, told the current one, and tab A's draft is kept.
    const tabB = await callApi(app, 'PUT', `/api/flows/${id}`, {
      headers: { ...owner, 'if-match': etag },
      body: validFlow('tab B'),
    })
    expect(tabB).toMatchObject({
      status: 412,
      body: {
        error: {
          code: 'FLOW_CHANGED',
          details: { updatedAt: (tabA.body as { updatedAt: number }).updatedAt },
        },
      },
    })
    const now = await callApi(app, 'GET', `/api/flows/${id}`, { headers: owner })
    expect(now.body).toMatchObject({ name: 'tab A' })

    // Without If-Match a save is unconditional, as before; a malformed one is a 400 naming the header.
    expect(
      (await callApi(app, 'PUT', `/api/flows/${id}`, { headers: owner, body: validFlow('x') })).status,
    ).toBe(200)
    const bad = await callApi(app, 'PUT', `/api/flows/${id}`, {
      headers: { ...owner, 'if-match': 'yesterday' },
      body: validFlow('y'),
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('if-match')
  })

  it('answers 404 for a flow that does not exist', async () => {
    const res = await callApi(app, 'PUT', '/api/flows/nope', { headers: owner, body: validFlow() })
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
  })
})

describe('webhook paths', () => {
  it("stores the webhook trigger's custom path and refuses it for a second flow with 409 WEBHOOK_PATH_TAKEN", async () => {
    const first = await create(validFlow('A', { webhookPath: 'news-submit' }))
    expect((await callApi(app, 'GET', `/api/flows/${idOf(first)}`, { headers: owner })).body).toMatchObject({
      webhookPath: 'news-submit',
    })
    const second = await create(validFlow('B', { webhookPath: 'news-submit' }))
    expect(second).toMatchObject({ status: 409, body: { error: { code: 'WEBHOOK_PATH_TAKEN' } } })
    const other = idOf(await create(validFlow('C')))
    const put = await callApi(app, 'PUT', `/api/flows/${other}`, {
      headers: owner,
      body: validFlow('C', { webhookPath: 'news-submit' }),
    })
    expect(put.status).toBe(409)
  })

  it('frees a path when the draft moves to another one', async () => {
    const id = idOf(await create(validFlow('A', { webhookPath: 'old-path' })))
    await callApi(app, 'PUT', `/api/flows/${id}`, {
      headers: owner,
      body: validFlow('A', { webhookPath: 'new-path' }),
    })
    expect((await create(validFlow('B', { webhookPath: 'old-path' }))).status).toBe(201)
  })

  it('never claims a path the trigger itself would reject, nor one shaped like a flow id', async () => {
    const invalid = idOf(await create(validFlow('A', { webhookPath: '../Admin' })))
    expect((await callApi(app, 'GET', `/api/flows/${invalid}`, { headers: owner })).body).toMatchObject({
      webhookPath: null,
    })
    const uuid = await create(validFlow('B', { webhookPath: '0b6e4c1a-6a43-4c1e-9d53-2f0f3c7a9e10' }))
    expect(uuid).toMatchObject({ status: 409, body: { error: { code: 'WEBHOOK_PATH_TAKEN' } } })
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { validFlow } from '../test-support/flow-documents.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'

// One app for the file: every test only reads, or is refused, so they cannot disturb each other.
let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let alice: AuthHeaders
let bob: AuthHeaders
let flowId: string
beforeAll(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
  alice = (await createUserWithRole(app, owner, 'editor')).cookie
  bob = (await createUserWithRole(app, owner, 'editor')).bearer
  const created = await callApi(app, 'POST', '/api/flows', {
    headers: alice,
    body: validFlow("Alice's flow"),
  })
  flowId = (created.body as { id: string }).id
  await callApi(app, 'POST', `/api/flows/${flowId}/publish`, { headers: alice })
})
afterAll(() => t.close())

describe("another user's flow", () => {
  it.each([
    ['GET', ''],
    ['PUT', '', validFlow('hijacked')],
    ['DELETE', ''],
    ['POST', '/validate'],
    ['POST', '/publish'],
    ['GET', '/versions'],
    ['GET', '/versions/1'],
    ['POST', '/rollback', { version: 1 }],
    ['GET', '/export'],
  ])(
    'answers %s /api/flows/:id%s with 404, as if it did not exist',
    async (method, suffix, body?: unknown) => {
      const res = await callApi(app, method, `/api/flows/${flowId}${suffix}`, { headers: bob, body })
      expect(res).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
      expect(JSON.stringify(res.body)).not.toContain("Alice's flow")
    },
  )

  it('is missing from the other user’s list', async () => {
    expect((await callApi(app, 'GET', '/api/flows', { headers: bob })).body).toMatchObject({
      total: 0,
      items: [],
    })
  })

  it('is untouched after all those attempts, and the owner sees and reads it', async () => {
    const asOwner = await callApi(app, 'GET', `/api/flows/${flowId}`, { headers: owner })
    expect(asOwner).toMatchObject({ status: 200, body: { name: "Alice's flow", publishedVersion: 1 } })
    const versions = await callApi(app, 'GET', `/api/flows/${flowId}/versions`, { headers: owner })
    expect(versions.body).toMatchObject({ items: [{ version: 1 }] })
    const list = await callApi(app, 'GET', '/api/flows', { headers: owner })
    expect(list.body).toMatchObject({ total: 1, items: [{ id: flowId }] })
  })
})

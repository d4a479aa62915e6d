import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { validFlow } from '../test-support/flow-documents.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'

// One app for the file: after the setup every test only reads.
let t: TestDeps
let app: ReturnType<typeof createApp>
let teacher: AuthHeaders
let editor: AuthHeaders
let student: AuthHeaders
const ids: Record<string, string> = {}
beforeAll(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  teacher = await setupOwner(app)
  editor = (await createUserWithRole(app, teacher, 'editor')).bearer
  student = (await createUserWithRole(app, teacher, 'student')).cookie
  for (const [who, headers] of [
    ['teacher', teacher],
    ['editor', editor],
    ['student', student],
  ] as const) {
    const created = await callApi(app, 'POST', '/api/flows', { headers, body: validFlow('Lesson 1') })
    ids[who] = (created.body as { id: string }).id
  }
})
afterAll(() => t.close())

const listed = async (headers: AuthHeaders, query = '') => {
  const res = await callApi(app, 'GET', `/api/flows${query}`, { headers })
  expect(res.status).toBe(200)
  const body = res.body as { items: { id: string }[]; total: number }
  return { ids: body.items.map((f) => f.id).sort(), total: body.total }
}

describe('GET /api/flows?owner=', () => {
  it("gives the owner role only their own flows with owner=me, not the members' copies of the same lesson", async () => {
    expect(await listed(teacher, '?owner=me')).toEqual({ ids: [ids.teacher], total: 1 })
  })

  it("gives the owner role every member's flows with owner=all, and without the parameter as before", async () => {
    const everyone = { ids: Object.values(ids).sort(), total: 3 }
    expect(await listed(teacher, '?owner=all')).toEqual(everyone)
    expect(await listed(teacher)).toEqual(everyone)
  })

  it.each([
    ['editor', () => editor],
    ['student', () => student],
  ])('gives an %s their own flows whichever value is asked for', async (who, headers) => {
    const own = { ids: [ids[who]], total: 1 }
    expect(await listed(headers())).toEqual(own)
    expect(await listed(headers(), '?owner=me')).toEqual(own)
    expect(await listed(headers(), '?owner=all')).toEqual(own)
  })

  it('refuses any other value with 400 VALIDATION_FAILED naming the field', async () => {
    const res = await callApi(app, 'GET', '/api/flows?owner=someone-else', { headers: teacher })
    expect(res).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['owner'] }] } } },
    })
  })
})

describe('GET /api/flows?q=', () => {
  it('lists only the flows whose name contains q, ignoring case and surrounding spaces, and counts them', async () => {
    expect(await listed(teacher, '?owner=me&q=%20lesson%20')).toEqual({ ids: [ids.teacher], total: 1 })
    expect(await listed(teacher, '?owner=all&q=LESSON')).toEqual({ ids: Object.values(ids).sort(), total: 3 })
    expect(await listed(editor, '?q=nothing-like-it')).toEqual({ ids: [], total: 0 })
  })

  it('refuses a search longer than 100 characters with 400 VALIDATION_FAILED naming q', async () => {
    const res = await callApi(app, 'GET', `/api/flows?q=${'x'.repeat(101)}`, { headers: teacher })
    expect(res).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['q'] }] } } },
    })
  })
})

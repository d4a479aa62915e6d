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

const api = (method: string, path: string, body?: unknown) =>
  callApi(app, method, path, { headers: owner, body })
const createFlow = async (doc: unknown) => ((await api('POST', '/api/flows', doc)).body as { id: string }).id

describe('validate', () => {
  it('reports every problem of the draft with its node and field, and ok for a complete flow', async () => {
    const draft = await createFlow(incompleteFlow())
    const res = await api('POST', `/api/flows/${draft}/validate`)
    expect(res.status).toBe(200)
    const { ok, problems } = res.body as { ok: boolean; problems: { nodeId?: string; path: unknown[] }[] }
    expect(ok).toBe(false)
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: 'fetch', path: expect.arrayContaining(['nodes', 1, 'config']) }),
        expect.objectContaining({ nodeId: 'reply', path: ['nodes', 2, 'config', 'body'] }),
      ]),
    )
    const complete = await createFlow(validFlow())
    expect((await api('POST', `/api/flows/${complete}/validate`)).body).toEqual({ ok: true, problems: [] })
  })
})

describe('publish', () => {
  it('refuses an invalid draft with 422 FLOW_INVALID listing each problem, and publishes nothing', async () => {
    const id = await createFlow(incompleteFlow())
    const res = await api('POST', `/api/flows/${id}/publish`)
    expect(res.status).toBe(422)
    const error = (
      res.body as { error: { code: string; details: { problems: { nodeId: string; path: unknown[] }[] } } }
    ).error
    expect(error.code).toBe('FLOW_INVALID')
    expect(error.details.problems.map((p) => p.nodeId)).toEqual(expect.arrayContaining(['fetch', 'reply']))
    expect(error.details.problems.every((p) => p.path[0] === 'nodes')).toBe(true)
    expect((await api('GET', `/api/flows/${id}/versions`)).body).toEqual({ items: [] })
    expect((await api('GET', `/api/flows/${id}`)).body).toMatchObject({ publishedVersion: null })
  })

  it('refuses a draft whose expression does not parse, naming the node, the field and the place', async () => {
    const doc = validFlow('Broken transform')
    doc.nodes.splice(1, 0, {
      id: 'shape',
      type: 'data.transform',
      version: 1,
      config: { expression: 'items[qty > 1' },
    })
    doc.edges = [
      { id: 'e0', source: 'hook', target: 'shape' },
      { id: 'e1', source: 'shape', target: 'greet' },
      { id: 'e2', source: 'greet', target: 'reply' },
    ]
    const id = await createFlow(doc)
    const res = await api('POST', `/api/flows/${id}/publish`)
    expect(res.status).toBe(422)
    expect(res.body).toMatchObject({
      error: {
        code: 'FLOW_INVALID',
        details: {
          problems: [
            {
              code: 'EXPRESSION_SYNTAX',
              nodeId: 'shape',
              path: ['nodes', 1, 'config', 'expression'],
              localized: { 'zh-CN': expect.stringContaining('第 1 行第 13 列') },
              details: { jsonataCode: 'S0203', line: 1, column: 13 },
            },
          ],
        },
      },
    })
    expect((await api('GET', `/api/flows/${id}/versions`)).body).toEqual({ items: [] })
  })

  it('snapshots the draft as numbered, immutable versions', async () => {
    const id = await createFlow(validFlow('v1 name'))
    const first = await api('POST', `/api/flows/${id}/publish`)
    expect(first).toMatchObject({ status: 201, body: { version: 1, flowId: id } })
    await api('PUT', `/api/flows/${id}`, validFlow('v2 name'))
    expect((await api('POST', `/api/flows/${id}/publish`)).body).toMatchObject({ version: 2 })
    await api('PUT', `/api/flows/${id}`, validFlow('unpublished edit'))

    const versions = (await api('GET', `/api/flows/${id}/versions`)).body as { items: { version: number }[] }
    expect(versions.items.map((v) => v.version)).toEqual([2, 1])
    expect((await api('GET', `/api/flows/${id}/versions/1`)).body).toMatchObject({
      version: 1,
      document: { name: 'v1 name' },
    })
    expect((await api('GET', `/api/flows/${id}`)).body).toMatchObject({
      publishedVersion: 2,
      name: 'unpublished edit',
    })
    expect((await api('GET', `/api/flows/${id}/versions/3`)).status).toBe(404)
    expect((await api('GET', `/api/flows/${id}/versions/zero`)).status).toBe(400)
  })
})

describe('rollback', () => {
  async function twoVersions() {
    const id = await createFlow(validFlow('first'))
    await api('POST', `/api/flows/${id}/publish`)
    await api('PUT', `/api/flows/${id}`, validFlow('second'))
    await api('POST', `/api/flows/${id}/publish`)
    await api('PUT', `/api/flows/${id}`, validFlow('work in progress'))
    return id
  }

  it('makes an earlier version the published one and leaves unpublished work in the draft', async () => {
    const id = await twoVersions()
    const res = await api('POST', `/api/flows/${id}/rollback`, { version: 1 })
    expect(res).toMatchObject({ status: 200, body: { publishedVersion: 1, name: 'work in progress' } })
    expect((await api('GET', `/api/flows/${id}/versions`)).body).toMatchObject({
      items: [{ version: 2 }, { version: 1 }],
    })
  })

  it('also restores the version into the draft when asked', async () => {
    const id = await twoVersions()
    const res = await api('POST', `/api/flows/${id}/rollback`, { version: 1, restoreDraft: true })
    expect(res).toMatchObject({
      status: 200,
      body: { publishedVersion: 1, name: 'first', document: { name: 'first' } },
    })
  })

  it('answers 404 for a version that does not exist and changes nothing', async () => {
    const id = await twoVersions()
    expect((await api('POST', `/api/flows/${id}/rollback`, { version: 9, restoreDraft: true })).status).toBe(
      404,
    )
    expect((await api('GET', `/api/flows/${id}`)).body).toMatchObject({
      publishedVersion: 2,
      name: 'work in progress',
    })
  })
})

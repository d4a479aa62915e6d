import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppType } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import type { TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole } from '../test-support/sign-in.ts'
import type { RunView } from './run-view.ts'
import { chainFlow, closeRunApp, createRunApp, ownerAccess, storeFlow, type TestNodes } from './test-kit.ts'

let t: TestDeps
let app: AppType
let owner: AuthHeaders
let kit: TestNodes
beforeEach(async () => {
  ;({ t, app, owner, kit } = await createRunApp())
})
afterEach(() => closeRunApp({ t, kit }))

const greeting = chainFlow([
  {
    id: 'trigger',
    type: 'trigger.manual',
    config: { inputSchema: [{ name: 'name', type: 'string', required: true }] },
  },
  { id: 'hello', type: 'text.template', config: { template: 'Hello, {{ trigger.body.name }}' } },
  { id: 'count', type: 'test.count' },
])

async function finished(runId: string) {
  await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
  return (await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).body as RunView
}

describe('manual runs of the draft', () => {
  it('runs the draft with the input and shows every node result with its timing', async () => {
    const flow = await storeFlow(t.deps, await ownerAccess(t.deps), greeting)
    const started = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, {
      headers: owner,
      body: { input: { name: '李雷' } },
    })
    expect(started.status).toBe(201)
    const run = await finished((started.body as { runId: string }).runId)
    expect(run).toMatchObject({
      status: 'succeeded',
      flowVersion: null,
      trigger: 'manual',
      input: { name: '李雷' },
    })
    expect(run.output).toEqual({ n: 1, value: { text: 'Hello, 李雷' } })
    expect(run.nodes.map((n) => [n.nodeId, n.status, n.attempts])).toEqual([
      ['trigger', 'succeeded', 1],
      ['hello', 'succeeded', 1],
      ['count', 'succeeded', 1],
    ])
    expect(run.nodes[1]).toMatchObject({
      input: { config: { template: 'Hello, 李雷' } },
      output: { text: 'Hello, 李雷' },
    })
    for (const node of run.nodes) expect(node.durationMs).toBe(node.finishedAt - node.startedAt)
  })

  it('refuses input that misses a declared field with 400 naming it, and registers no run', async () => {
    const flow = await storeFlow(t.deps, await ownerAccess(t.deps), greeting)
    const res = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, {
      headers: owner,
      body: { input: {} },
    })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({
      error: { code: 'INPUT_INVALID', details: { issues: [{ path: 'body.name' }] } },
    })
    expect((await t.deps.store.listRuns(await ownerAccess(t.deps))).items).toEqual([])
  })

  it('refuses a draft with problems with 422 FLOW_INVALID listing them, as publishing does, and starts no run', async () => {
    const broken = chainFlow([
      { id: 'trigger', type: 'trigger.manual' },
      { id: 'fetch', type: 'http.request', config: { url: '' } },
      { id: 'hello', type: 'text.template', config: { template: '{{ nodes.nowhere.text }}' } },
    ])
    const flow = await storeFlow(t.deps, await ownerAccess(t.deps), broken)
    const res = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, { headers: owner, body: {} })
    expect(res.status).toBe(422)
    const { error } = res.body as {
      error: { code: string; details: { problems: { nodeId: string; localized: { 'zh-CN': string } }[] } }
    }
    expect(error.code).toBe('FLOW_INVALID')
    expect(error.details.problems.map((p) => p.nodeId)).toEqual(['fetch', 'hello'])
    expect(error.details.problems[0]?.localized['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
    expect((await t.deps.store.listRuns(await ownerAccess(t.deps))).items).toEqual([])
  })

  it('keeps running the draft it started with when the draft is edited meanwhile', async () => {
    const access = await ownerAccess(t.deps)
    const gated = chainFlow([
      { id: 'trigger', type: 'trigger.manual' },
      { id: 'gate', type: 'test.gate' },
    ])
    const flow = await storeFlow(t.deps, access, gated)
    const { runId } = (await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, { headers: owner, body: {} }))
      .body as { runId: string }
    await kit.entered()
    await t.deps.store.updateFlowDraft(access, flow.id, { document: greeting })
    kit.open()
    expect((await finished(runId)).nodes.map((n) => n.nodeId)).toEqual(['trigger', 'gate'])
    expect((await t.deps.store.getRun(access, runId))?.document).toEqual(gated)
  })
})

describe('listing runs', () => {
  it('gives a new run a 26-character id and still serves a run stored under a uuid, issued before', async () => {
    const access = await ownerAccess(t.deps)
    const flow = await storeFlow(t.deps, access, greeting)
    const started = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, {
      headers: owner,
      body: { input: { name: '韩梅梅' } },
    })
    const { runId } = started.body as { runId: string }
    expect(runId).toMatch(/^[0-9a-v]{26}$/)
    const fresh = await finished(runId)
    const uuid = randomUUID()
    const { id: _id, ...stored } = (await t.deps.store.getRun(access, runId)) ?? expect.unreachable()
    await t.deps.store.createRunRecord({
      ...stored,
      id: uuid,
      ownerId: access.userId,
      document: stored.document ?? undefined,
      flowId: flow.id,
      flowVersion: undefined,
      parentRunId: undefined,
      history: undefined,
    })
    await t.deps.store.finishRun(
      uuid,
      { status: 'succeeded', output: stored.output, finishedAt: stored.startedAt + 1 },
      await t.deps.store.loadNodeResults(runId),
    )
    const old = (await callApi(app, 'GET', `/api/runs/${uuid}`, { headers: owner })).body as RunView
    expect(old.nodes.map((n) => [n.nodeId, n.output])).toEqual(fresh.nodes.map((n) => [n.nodeId, n.output]))
  })

  it('filters by flow and status and pages by cursor', async () => {
    const access = await ownerAccess(t.deps)
    const a = await storeFlow(t.deps, access, greeting)
    const b = await storeFlow(t.deps, access, greeting)
    const ids: string[] = []
    for (const flow of [a, a, a, b]) {
      const res = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, {
        headers: owner,
        body: { input: { name: 'x' } },
      })
      ids.push((res.body as { runId: string }).runId)
      await finished(ids.at(-1) as string)
    }
    const first = await callApi(app, 'GET', `/api/runs?flowId=${a.id}&status=succeeded&limit=2`, {
      headers: owner,
    })
    const page1 = first.body as { items: { id: string; status: string }[]; nextCursor: string }
    expect(page1.items).toHaveLength(2)
    const second = await callApi(app, 'GET', `/api/runs?flowId=${a.id}&limit=2&cursor=${page1.nextCursor}`, {
      headers: owner,
    })
    const page2 = second.body as { items: { id: string }[]; nextCursor: string | null }
    expect([...page1.items, ...page2.items].map((r) => r.id).sort()).toEqual(ids.slice(0, 3).sort())
    expect(page2.nextCursor).toBeNull()
    expect((await callApi(app, 'GET', '/api/runs?status=failed', { headers: owner })).body).toEqual({
      items: [],
      nextCursor: null,
      notKept: 0,
    })
    expect((await callApi(app, 'GET', '/api/runs?cursor=nonsense', { headers: owner })).status).toBe(400)
  })
})

describe('run access', () => {
  it("answers 404 for another user's run and 403 when a viewer tries to run, cancel or re-run", async () => {
    const editor = await createUserWithRole(app, owner, 'editor')
    const other = await createUserWithRole(app, owner, 'editor')
    const viewer = await createUserWithRole(app, owner, 'viewer')
    const flow = await storeFlow(t.deps, { userId: editor.userId, all: false }, greeting)
    const started = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, {
      headers: editor.bearer,
      body: { input: { name: 'x' } },
    })
    const { runId } = started.body as { runId: string }
    await finished(runId)
    for (const [method, path] of [
      ['GET', `/api/runs/${runId}`],
      ['GET', `/api/runs/${runId}/events`],
      ['POST', `/api/runs/${runId}/cancel`],
      ['POST', `/api/runs/${runId}/rerun`],
      ['POST', `/api/flows/${flow.id}/runs`],
    ] as const) {
      const body = method === 'POST' ? {} : undefined
      expect((await callApi(app, method, path, { headers: other.bearer, body })).status, path).toBe(404)
      if (method === 'POST') {
        expect((await callApi(app, method, path, { headers: viewer.bearer, body: {} })).status, path).toBe(
          403,
        )
      }
    }
    expect((await callApi(app, 'GET', '/api/runs', { headers: other.bearer })).body).toMatchObject({
      items: [],
    })
    expect((await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).status).toBe(200)
  })
})

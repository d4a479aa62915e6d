import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppType } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import type { TestDeps } from '../test-support/create-test-deps.ts'
import type { AuthHeaders } from '../test-support/sign-in.ts'
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

async function startRun(
  document = chainFlow([
    { id: 'trigger', type: 'trigger.manual' },
    { id: 'gate', type: 'test.gate' },
  ]),
) {
  const flow = await storeFlow(t.deps, await ownerAccess(t.deps), document)
  const res = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, {
    headers: owner,
    body: { input: { q: 1 } },
  })
  return (res.body as { runId: string }).runId
}

async function finished(runId: string) {
  await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
  return (await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).body as RunView
}

describe('cancelling a run', () => {
  it('aborts a running run, records it cancelled, and refuses to cancel it twice', async () => {
    const runId = await startRun()
    await kit.entered()
    const res = await callApi(app, 'POST', `/api/runs/${runId}/cancel`, { headers: owner })
    expect(res.body).toEqual({ runId, status: 'cancelled' })
    const run = await finished(runId)
    expect(run.status).toBe('cancelled')
    expect(run.nodes.find((n) => n.nodeId === 'gate')?.status).toBe('cancelled')
    const again = await callApi(app, 'POST', `/api/runs/${runId}/cancel`, { headers: owner })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ error: { code: 'RUN_NOT_ACTIVE' } })
  })
})

describe('re-running', () => {
  const counted = chainFlow([
    { id: 'trigger', type: 'trigger.manual' },
    { id: 'expensive', type: 'test.count' },
    { id: 'cheap', type: 'test.count' },
    { id: 'last', type: 'test.count' },
  ])

  it('runs the same document and input again as a child of the first run', async () => {
    const first = await startRun(counted)
    await finished(first)
    const res = await callApi(app, 'POST', `/api/runs/${first}/rerun`, { headers: owner, body: {} })
    expect(res.status).toBe(201)
    // A script may also POST without a body at all.
    const token = await callApi(app, 'POST', '/api/tokens', { headers: owner, body: { name: 'script' } })
    const authorization = `Bearer ${(token.body as { token: string }).token}`
    const bare = await app.request(`/api/runs/${first}/rerun`, { method: 'POST', headers: { authorization } })
    expect(bare.status).toBe(201)
    await finished(((await bare.json()) as { runId: string }).runId)
    const second = await finished((res.body as { runId: string }).runId)
    expect(second).toMatchObject({
      status: 'succeeded',
      parentRunId: first,
      trigger: 'rerun',
      input: { q: 1 },
    })
    expect(kit.calls('expensive')).toBe(3)
  })

  it('from a node: reuses the results before it and executes it and everything after it again', async () => {
    const first = await startRun(counted)
    const parent = await finished(first)
    const res = await callApi(app, 'POST', `/api/runs/${first}/rerun`, {
      headers: owner,
      body: { fromNodeId: 'cheap' },
    })
    const child = await finished((res.body as { runId: string }).runId)
    expect(child.status).toBe('succeeded')
    expect([kit.calls('expensive'), kit.calls('cheap'), kit.calls('last')]).toEqual([1, 2, 2])
    const reused = child.nodes.find((n) => n.nodeId === 'expensive')
    expect(reused).toEqual(parent.nodes.find((n) => n.nodeId === 'expensive'))
    expect(child.output).toMatchObject({ n: 2 })
  })

  it('refuses a node the flow does not have with 400 NODE_NOT_FOUND', async () => {
    const first = await startRun(counted)
    await finished(first)
    const res = await callApi(app, 'POST', `/api/runs/${first}/rerun`, {
      headers: owner,
      body: { fromNodeId: 'nope' },
    })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { code: 'NODE_NOT_FOUND' } })
  })
})

import { createRegistry } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type AppType, createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { hookFlow, publishHook } from '../webhooks/hook-test-kit.ts'
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

// trigger → greet (a template over the input) → count → last
const lesson = chainFlow([
  { id: 'trigger', type: 'trigger.manual' },
  {
    id: 'greet',
    type: 'data.set',
    config: { fields: [{ name: 'text', value: '你好，{{ trigger.body.name }}' }] },
  },
  { id: 'count', type: 'test.count' },
  { id: 'last', type: 'test.count' },
])

async function start(debug: unknown, document = lesson) {
  const flow = await storeFlow(t.deps, await ownerAccess(t.deps), document)
  const res = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, {
    headers: owner,
    body: { input: { name: '小明' }, debug },
  })
  expect(res.status).toBe(201)
  return (res.body as { runId: string }).runId
}

/** The run once its execution stopped (paused or ended), as the API shows it. */
async function settled(runId: string) {
  await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
  return (await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).body as RunView
}

const resume = (runId: string, body: unknown) =>
  callApi(app, 'POST', `/api/runs/${runId}/resume`, { headers: owner, body })

describe('step through (单步运行)', () => {
  it('pauses before a breakpoint with the node’s rendered config and inputs, then continues to the end', async () => {
    const runId = await start({ pauseBefore: ['count'] })
    const paused = await settled(runId)
    expect(paused).toMatchObject({
      status: 'paused',
      finishedAt: null,
      pausedBefore: {
        key: 'count',
        nodeId: 'count',
        input: { config: {}, inputs: { in: { text: '你好，小明' } } },
      },
    })
    expect(paused.pausedBefore?.until).toBeGreaterThan(t.deps.now())
    expect(paused.nodes.map((n) => n.nodeId)).toEqual(['trigger', 'greet'])
    expect(kit.calls('count')).toBe(0)

    const res = await resume(runId, { mode: 'continue' })
    expect(res.body).toEqual({ runId, status: 'queued' })
    const done = await settled(runId)
    expect(done).toMatchObject({ status: 'succeeded', pausedBefore: null })
    expect(done.nodes.map((n) => n.nodeId)).toEqual(['trigger', 'greet', 'count', 'last'])
    expect(kit.calls('count')).toBe(1)
  })

  it('in step mode pauses before every node in turn, and runs to the end on request', async () => {
    const runId = await start({ step: true })
    expect((await settled(runId)).pausedBefore?.nodeId).toBe('trigger')
    await resume(runId, { mode: 'step' })
    expect((await settled(runId)).pausedBefore?.nodeId).toBe('greet')
    await resume(runId, { mode: 'step' })
    const atCount = await settled(runId)
    expect(atCount.pausedBefore).toMatchObject({
      nodeId: 'count',
      input: { inputs: { in: { text: '你好，小明' } } },
    })
    await resume(runId, { mode: 'end' })
    expect(await settled(runId)).toMatchObject({ status: 'succeeded' })
    expect(kit.calls('last')).toBe(1)
  })

  it('runs the paused node with an edited config and records in the run that it was edited', async () => {
    const runId = await start({ pauseBefore: ['greet'] })
    expect((await settled(runId)).pausedBefore?.input.config).toMatchObject({
      fields: [{ name: 'text', value: '你好，小明' }],
    })
    const bad = await resume(runId, { mode: 'continue', config: { fields: 'not a list' } })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ error: { code: 'CONFIG_INVALID' } })
    const edited = { fields: [{ name: 'text', value: '大家好' }] }
    expect((await resume(runId, { mode: 'continue', config: edited })).status).toBe(200)
    const done = await settled(runId)
    expect(done.status).toBe('succeeded')
    expect(done.nodes.find((n) => n.nodeId === 'greet')).toMatchObject({
      input: { config: { fields: [{ name: 'text', value: '大家好' }] }, edited: true },
      output: { text: '大家好' },
    })
  })

  it('refuses a second resume, a resume of a run that is not paused, and a breakpoint on a missing node', async () => {
    const runId = await start({ pauseBefore: ['count'] })
    await settled(runId)
    const [a, b] = await Promise.all([
      resume(runId, { mode: 'continue' }),
      resume(runId, { mode: 'continue' }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    await settled(runId)
    expect((await resume(runId, { mode: 'step' })).body).toMatchObject({ error: { code: 'RUN_NOT_PAUSED' } })
    const flow = await storeFlow(t.deps, await ownerAccess(t.deps), lesson)
    const missing = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, {
      headers: owner,
      body: { debug: { pauseBefore: ['nope'] } },
    })
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({
      error: { code: 'NODE_NOT_FOUND', details: { field: 'debug.pauseBefore' } },
    })
  })

  it('cancels a paused run once its idle time has passed, and not before', async () => {
    // This server's clock can be moved on: the idle time is two hours, as by default.
    let ahead = 0
    const local = await createTestDeps({
      registry: createRegistry(kit.definitions),
      now: () => Date.now() + ahead,
    })
    try {
      const localApp = createApp(local.deps)
      const headers = await setupOwner(localApp)
      const flow = await storeFlow(local.deps, await ownerAccess(local.deps), lesson)
      const started = await callApi(localApp, 'POST', `/api/flows/${flow.id}/runs`, {
        headers,
        body: { debug: { pauseBefore: ['count'] } },
      })
      const { runId } = started.body as { runId: string }
      await local.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
      const read = async () =>
        (await callApi(localApp, 'GET', `/api/runs/${runId}`, { headers })).body as RunView
      const until = (await read()).pausedBefore?.until ?? 0
      expect(until - Date.now()).toBeGreaterThan(3600_000)
      expect(await local.deps.runs.expirePaused()).toEqual([])
      ahead = until - Date.now() + 1
      expect(await local.deps.runs.expirePaused()).toEqual([runId])
      expect(await read()).toMatchObject({ status: 'cancelled', error: { code: 'PAUSE_EXPIRED' } })
      const late = await callApi(localApp, 'POST', `/api/runs/${runId}/resume`, {
        headers,
        body: { mode: 'continue' },
      })
      expect(late.status).toBe(409)
    } finally {
      await local.close()
    }
  })

  it('holds no worker while paused: with one run at a time, other runs go on beside paused ones', async () => {
    await closeRunApp({ t, kit })
    ;({ t, app, owner, kit } = await createRunApp({ runConcurrency: 1 }))
    const first = await start({ pauseBefore: ['count'] })
    const second = await start({ step: true })
    expect((await settled(first)).status).toBe('paused')
    expect((await settled(second)).status).toBe('paused')
    const plain = await start(undefined)
    expect(await settled(plain)).toMatchObject({ status: 'succeeded' })
    expect(await settled(first)).toMatchObject({ status: 'paused', pausedBefore: { nodeId: 'count' } })
  })

  it('can be cancelled while paused', async () => {
    const runId = await start({ step: true })
    await settled(runId)
    const res = await callApi(app, 'POST', `/api/runs/${runId}/cancel`, { headers: owner })
    expect(res.body).toEqual({ runId, status: 'cancelled' })
  })

  it('never pauses a webhook run: a `debug` field in its body is just input', async () => {
    const id = await publishHook(t.deps, hookFlow({ path: 'lesson' }, [{ id: 'count', type: 'test.count' }]))
    const res = await app.request(`/hooks/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ debug: { step: true, pauseBefore: ['count'] } }),
    })
    expect(res.status).toBeLessThan(300)
    const [run] = (await t.deps.store.listRuns(await ownerAccess(t.deps))).items
    expect(run?.trigger).toBe('webhook')
    expect((await settled(run?.id ?? '')).status).toBe('succeeded')
    expect(kit.calls('count')).toBe(1)
  })
})

import { createRegistry, type Flow, type RunHistory } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { hookFlow, publishHook } from '../webhooks/hook-test-kit.ts'
import { createRunServiceFor } from './create-run-service-for.ts'
import { createTestNodes } from './test-kit.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let kit: ReturnType<typeof createTestNodes>
let owner: AuthHeaders
beforeEach(async () => {
  kit = createTestNodes()
  t = await createTestDeps({ registry: createRegistry(kit.definitions) })
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(() => t.close())

/** webhook (sync) → count → a transform that fails when the body says `fail` → respond. */
function flowKeeping(history: RunHistory | undefined): Flow {
  const flow = hookFlow({ responseMode: 'sync' }, [
    { id: 'count', type: 'test.count', config: {} },
    {
      id: 'check',
      type: 'data.transform',
      config: { expression: 'value.body.fail ? $error("asked to fail") : n', data: '{{ nodes.count }}' },
    },
    { id: 'reply', type: 'flow.respond', config: { status: 200, body: { n: '{{ nodes.count.n }}' } } },
  ])
  return { ...flow, settings: { ...flow.settings, runHistory: history } }
}

/** One webhook call; resolves once its run has ended (a sync call is answered at the Respond node, before that). */
async function hook(flowId: string, body: unknown, headers: Record<string, string> = {}, target = app) {
  const res = await callApi(target, 'POST', `/hooks/${flowId}`, { body, headers })
  const runId = res.res.headers.get('x-zhiliu-run-id')
  if (runId) await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
  return res
}

async function runList(flowId?: string) {
  const query = flowId ? `?flowId=${flowId}` : ''
  const res = await callApi(app, 'GET', `/api/runs${query}`, { headers: owner })
  expect(res.status).toBe(200)
  return res.body as { items: { id: string; status: string; trigger: string }[]; notKept: number }
}

async function webhookRunsFinished(status: string): Promise<number> {
  const text = (await callApi(app, 'GET', '/metrics')).body as string
  const series = `zhiliu_runs_finished_total{trigger="webhook",status="${status}"} `
  const line = text.split('\n').find((l) => l.startsWith(series))
  return Number(line?.slice(series.length))
}

describe('run history setting', () => {
  it('keeps every run by default', async () => {
    const id = await publishHook(t.deps, flowKeeping(undefined))
    expect((await hook(id, {})).status).toBe(200)
    expect(await runList(id)).toMatchObject({ items: [{ status: 'succeeded' }], notKept: 0 })
  })

  it('with "failed runs only", answers every call, keeps the failed run, and counts the rest as not kept', async () => {
    const id = await publishHook(t.deps, flowKeeping('failed'))
    expect(await hook(id, {})).toMatchObject({ status: 200, body: { n: 1 } })
    expect(await hook(id, {})).toMatchObject({ status: 200, body: { n: 2 } })
    const failed = await hook(id, { fail: true })
    expect(failed.status).toBe(500)
    const list = await runList(id)
    expect(list.items).toEqual([expect.objectContaining({ status: 'failed' })])
    expect(list.notKept).toBe(2)
    expect((await runList()).notKept).toBe(2)
    // The run detail of a kept run still has every node's result.
    const detail = await callApi(app, 'GET', `/api/runs/${list.items[0]?.id}`, { headers: owner })
    expect(detail.body).toMatchObject({
      nodes: expect.arrayContaining([expect.objectContaining({ nodeId: 'count' })]),
    })
    // Not kept, still counted.
    expect(await webhookRunsFinished('succeeded')).toBe(2)
    expect(await webhookRunsFinished('failed')).toBe(1)
  })

  it("follows the server default when the flow does not choose; the flow's own choice and test runs win", async () => {
    const put = await callApi(app, 'PUT', '/api/settings/run-history', {
      headers: owner,
      body: { history: 'none' },
    })
    expect(put.status).toBe(200)
    expect((await callApi(app, 'GET', '/api/settings/run-history', { headers: owner })).body).toEqual({
      history: 'none',
    })
    const byDefault = await publishHook(t.deps, flowKeeping(undefined))
    const keepsAll = await publishHook(t.deps, flowKeeping('all'))
    expect((await hook(byDefault, {})).status).toBe(200)
    expect((await hook(byDefault, { fail: true })).status).toBe(500)
    expect((await hook(keepsAll, {})).status).toBe(200)
    expect(await runList(byDefault)).toMatchObject({ items: [], notKept: 2 })
    expect(await runList(keepsAll)).toMatchObject({ items: [{ status: 'succeeded' }], notKept: 0 })
    // A test run from the editor is looked at right away: always kept.
    const test = await callApi(app, 'POST', `/api/flows/${byDefault}/runs`, { headers: owner, body: {} })
    const { runId } = test.body as { runId: string }
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
    expect((await runList(byDefault)).items).toEqual([
      expect.objectContaining({ id: runId, trigger: 'manual' }),
    ])
  })

  it('honours an Idempotency-Key whose run was not kept: the flow does not run again', async () => {
    const id = await publishHook(t.deps, flowKeeping('none'))
    const first = await hook(id, {}, { 'idempotency-key': 'order-1' })
    expect(first).toMatchObject({ status: 200, body: { n: 1 } })
    const firstRun = first.res.headers.get('x-zhiliu-run-id')
    // This process still remembers the ended run for late subscribers: the retry gets the same answer.
    const again = await hook(id, {}, { 'idempotency-key': 'order-1' })
    expect(again).toMatchObject({ status: 200, body: { n: 1 } })
    expect(again.res.headers.get('idempotent-replayed')).toBe('true')
    // Another process (or this one after a restart) has nothing left to answer with, and says so.
    const runs = createRunServiceFor(t.deps)
    const later = await hook(id, {}, { 'idempotency-key': 'order-1' }, createApp({ ...t.deps, runs }))
    await runs.close(0)
    expect(later).toMatchObject({
      status: 409,
      body: { error: { code: 'RUN_NOT_KEPT', details: { runId: firstRun } } },
    })
    expect(kit.calls('count')).toBe(1)
    expect((await hook(id, {}, { 'idempotency-key': 'order-2' })).status).toBe(200)
    expect(kit.calls('count')).toBe(2)
  })

  it('refuses a server default it does not know', async () => {
    const bad = await callApi(app, 'PUT', '/api/settings/run-history', {
      headers: owner,
      body: { history: 'some' },
    })
    expect(bad.status).toBe(400)
  })
})

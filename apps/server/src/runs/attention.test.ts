import { type FakeBot, startFakeWecom } from '@zhiliu/fake-im'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createGuardedFetch } from '../outbound/create-guarded-fetch.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { createRunServiceFor } from './create-run-service-for.ts'
import type { RunService } from './run-service.ts'
import type { RunView } from './run-view.ts'
import { chainFlow, ownerAccess, storeFlow } from './test-kit.ts'

// A WeCom bot cannot tell a second copy of a message from the first: a send cut off by a crash (the process died
// after posting, before recording) must wait for a person, and only their decision may post again.

let wecom: FakeBot
beforeAll(async () => {
  wecom = await startFakeWecom()
})
afterAll(() => wecom.close())

let t: TestDeps
let runs: RunService
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  wecom.reset()
  const allowHosts = ['127.0.0.1']
  t = await createTestDeps({ config: { allowHosts } })
  runs = createRunServiceFor(t.deps, { fetch: createGuardedFetch({ allowHosts }) })
  app = createApp({ ...t.deps, runs })
  owner = await setupOwner(app)
})
afterEach(async () => {
  await runs.close(0)
  await t.close()
})

const api = (method: string, path: string, body?: unknown) =>
  callApi(app, method, path, { headers: owner, body })
const view = async (runId: string) => (await api('GET', `/api/runs/${runId}`)).body as RunView
const settled = async (runId: string) => {
  await runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
  return view(runId)
}

/**
 * The state a worker leaves when it dies mid-send: the trigger recorded, the post recorded `sending`, the run still
 * `running`. Then the server restarts (recovery resumes running runs in `all` mode).
 */
async function crashedInSend(): Promise<string> {
  const access = await ownerAccess(t.deps)
  const credential = await api('POST', '/api/credentials', {
    name: '测试群',
    type: 'wecom.bot',
    data: { webhookUrl: wecom.url },
  })
  const document = chainFlow([
    { id: 'trigger', type: 'trigger.manual' },
    {
      id: 'post',
      type: 'publish.wecom',
      config: {
        credential: (credential.body as { id: string }).id,
        content: '快讯：{{ trigger.body.title }}',
      },
    },
    { id: 'after', type: 'text.template', config: { template: '已发：{{ nodes.post.platform }}' } },
  ])
  const flow = await storeFlow(t.deps, access, document)
  const runId = 'run-crashed-in-send'
  const event = { body: { title: '开幕' } }
  await t.deps.store.createRunRecord({
    id: runId,
    ownerId: access.userId,
    flowId: flow.id,
    trigger: 'manual',
    status: 'queued',
    event,
    document,
    startedAt: 1,
  })
  await t.deps.store.createRun({ id: runId, flowId: flow.id, event, status: 'running', startedAt: 1 })
  const at = { attempts: 1, startedAt: 2, finishedAt: 2 }
  await t.deps.store.recordNode(runId, {
    key: 'trigger',
    nodeId: 'trigger',
    status: 'succeeded',
    ports: ['out'],
    output: event,
    ...at,
  })
  await t.deps.store.recordNode(runId, {
    key: 'post',
    nodeId: 'post',
    status: 'sending',
    ports: [],
    input: { config: { msgtype: 'text', content: '快讯：开幕' } },
    ...at,
    attempts: 0,
  })
  expect(await runs.recover()).toEqual([runId])
  await runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
  return runId
}

describe('a send cut off by a crash, to a receiver that cannot drop a repeat', () => {
  it('is not sent again: the run needs attention, naming the node, and what follows it waits', async () => {
    const runId = await crashedInSend()
    const run = await view(runId)
    expect(run).toMatchObject({
      status: 'needs_attention',
      finishedAt: null,
      error: { code: 'SEND_UNCONFIRMED', nodeId: 'post' },
    })
    expect(Object.fromEntries(run.nodes.map((n) => [n.key, n.status]))).toEqual({
      trigger: 'succeeded',
      post: 'sending',
    })
    expect(wecom.requests).toEqual([])
    const metrics = await app.request('/metrics')
    expect(await metrics.text()).toContain('zhiliu_runs_needing_attention_total{trigger="manual"} 1')
  })

  it('resend posts it once more and the run goes on', async () => {
    const runId = await crashedInSend()
    const res = await api('POST', `/api/runs/${runId}/attention`, { action: 'resend' })
    expect(res.body).toEqual({ runId, status: 'queued' })
    const run = await settled(runId)
    expect(run.status).toBe('succeeded')
    expect(wecom.delivered).toEqual([{ msgtype: 'text', text: { content: '快讯：开幕' } }])
    expect(run.output).toEqual({ text: '已发：wecom' })
  })

  it('mark sent goes on with the given output and posts nothing; a second decision is refused', async () => {
    const runId = await crashedInSend()
    const output = { platform: '人工确认' }
    const res = await api('POST', `/api/runs/${runId}/attention`, { action: 'markSent', key: 'post', output })
    expect(res.status).toBe(200)
    const run = await settled(runId)
    expect(run.status).toBe('succeeded')
    expect(run.output).toEqual({ text: '已发：人工确认' })
    expect(wecom.requests).toEqual([])
    const again = await api('POST', `/api/runs/${runId}/attention`, { action: 'resend' })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ error: { code: 'ATTENTION_NOT_NEEDED' } })
  })

  it('fail ends the run failed at the node, posting nothing', async () => {
    const runId = await crashedInSend()
    const res = await api('POST', `/api/runs/${runId}/attention`, { action: 'fail' })
    expect(res.body).toEqual({ runId, status: 'failed' })
    const run = await view(runId)
    expect(run).toMatchObject({ status: 'failed', error: { code: 'SEND_ABANDONED', nodeId: 'post' } })
    expect(run.nodes.find((n) => n.key === 'post')?.status).toBe('failed')
    expect(wecom.requests).toEqual([])
  })

  it('refuses an unknown action or node with a stable code', async () => {
    const runId = await crashedInSend()
    const bad = await api('POST', `/api/runs/${runId}/attention`, { action: 'ignore' })
    expect(bad.status).toBe(400)
    const unknown = await api('POST', `/api/runs/${runId}/attention`, { action: 'fail', key: 'after' })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({
      error: { code: 'ATTENTION_KEY_UNKNOWN', details: { keys: ['post'] } },
    })
    expect((await api('POST', '/api/runs/nope/attention', { action: 'fail' })).status).toBe(404)
  })
})

import type { Access } from '@zhiliu/db'
import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import type { Flow } from '@zhiliu/nodes'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AppType } from '../create-app.ts'
import { createProviderCredential } from '../models/provider-test-kit.ts'
import { callApi } from '../test-support/call-api.ts'
import type { TestDeps } from '../test-support/create-test-deps.ts'
import type { AuthHeaders } from '../test-support/sign-in.ts'
import type { RunView } from './run-view.ts'
import { chainFlow, closeRunApp, createRunApp, storeFlow, type TestNodes } from './test-kit.ts'

// A step that started a child run names it however the step ends — answered, failed, timed out or cancelled — so
// the run view always leads from the step to the run it started.

let fake: FakeOpenAI
let t: TestDeps
let app: AppType
let owner: AuthHeaders
let kit: TestNodes
let me: Access
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(async () => {
  fake.reset()
  ;({ t, app, owner, kit } = await createRunApp())
  const [user] = await t.deps.store.listUsers()
  me = { userId: user?.id ?? '', all: false }
})
afterEach(() => closeRunApp({ t, kit }))

/** A flow that never answers by itself: its gate waits for the test, or for its run to be stopped. */
const stuck = chainFlow(
  [
    { id: 'trigger', type: 'trigger.webhook' },
    { id: 'wait', type: 'test.gate' },
  ],
  'slow order',
)

async function view(runId: string): Promise<RunView> {
  await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 15_000 })
  return (await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).body as RunView
}

/** The one child run `runId` started. */
async function onlyChild(runId: string): Promise<string> {
  const page = await callApi(app, 'GET', `/api/runs?parentRunId=${runId}`, { headers: owner })
  const ids = (page.body as { items: { id: string }[] }).items.map((r) => r.id)
  expect(ids).toHaveLength(1)
  return ids[0] ?? ''
}

async function startPublished(document: Flow): Promise<string> {
  const parent = await storeFlow(t.deps, me, document, { publish: true })
  const { runId } = await t.deps.runs.start({
    ownerId: me.userId,
    flowId: parent.id,
    flowVersion: 1,
    document,
    trigger: 'webhook',
    event: { body: {} },
  })
  return runId
}

const callStuck = (flowId: string, settings: { timeoutMs?: number } = {}) =>
  chainFlow(
    [
      { id: 'trigger', type: 'trigger.manual' },
      { id: 'call', type: 'flow.call', config: { flowId, inputs: {} }, settings },
    ],
    '客服',
  )

describe('the run a step started', () => {
  it("is named in an agent's step when the flow tool times out, and is cancelled, not left running", async () => {
    const child = await storeFlow(t.deps, me, stuck, { publish: true })
    fake.script(
      { toolCalls: [{ name: 'flow_slow_order', arguments: '{"orderId":"12345"}' }] },
      { content: '查询超时，请稍后再试。' },
    )
    const agent = chainFlow(
      [
        { id: 'trigger', type: 'trigger.manual' },
        {
          id: 'agent',
          type: 'ai.agent',
          config: {
            provider: await createProviderCredential(app, owner, fake),
            model: 'deepseek-chat',
            prompt: '订单 12345 到哪了？',
            flowTools: [child.id],
            toolTimeoutSeconds: 1,
          },
        },
      ],
      '客服智能体',
    )
    const run = await view(await startPublished(agent))
    expect(run.status).toBe('succeeded')
    const childId = await onlyChild(run.id)
    const output = run.nodes.find((n) => n.nodeId === 'agent')?.output as {
      steps: { toolCalls: { runId?: string; error?: string }[] }[]
    }
    expect(output.steps[0]?.toolCalls).toMatchObject([{ runId: childId, error: 'no answer within 1 s' }])
    expect(await view(childId)).toMatchObject({ trigger: 'flow', parentRunId: run.id, status: 'cancelled' })
  })

  it('is named in the error of a flow.call that timed out, and is cancelled', async () => {
    const child = await storeFlow(t.deps, me, stuck, { publish: true })
    const run = await view(await startPublished(callStuck(child.id, { timeoutMs: 1000 })))
    expect(run.status).toBe('failed')
    const childId = await onlyChild(run.id)
    expect(run.nodes.find((n) => n.nodeId === 'call')?.error).toMatchObject({
      code: 'NODE_TIMEOUT',
      details: { runId: childId },
    })
    expect(await view(childId)).toMatchObject({ parentRunId: run.id, status: 'cancelled' })
  })

  it('is named in the error of a flow.call cancelled with its run, and is cancelled too', async () => {
    const child = await storeFlow(t.deps, me, stuck, { publish: true })
    const runId = await startPublished(callStuck(child.id))
    await kit.entered()
    expect((await callApi(app, 'POST', `/api/runs/${runId}/cancel`, { headers: owner })).status).toBe(200)
    const run = await view(runId)
    expect(run.status).toBe('cancelled')
    const childId = await onlyChild(runId)
    expect(run.nodes.find((n) => n.nodeId === 'call')).toMatchObject({
      status: 'cancelled',
      error: { details: { runId: childId } },
    })
    expect(await view(childId)).toMatchObject({ parentRunId: runId, status: 'cancelled' })
  })
})

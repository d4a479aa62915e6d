import type { Access } from '@zhiliu/db'
import type { Flow } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppType } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import type { TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole } from '../test-support/sign-in.ts'
import type { RunView } from './run-view.ts'
import { chainFlow, closeRunApp, createRunApp, storeFlow, type TestNodes } from './test-kit.ts'

let t: TestDeps
let app: AppType
let owner: AuthHeaders
let kit: TestNodes
let me: Access
beforeEach(async () => {
  ;({ t, app, owner, kit } = await createRunApp())
  const [user] = await t.deps.store.listUsers()
  me = { userId: user?.id ?? '', all: false }
})
afterEach(() => closeRunApp({ t, kit }))

/** An order-status flow: takes `orderId`, answers through a Respond node. */
const orderStatus = chainFlow(
  [
    {
      id: 'trigger',
      type: 'trigger.webhook',
      config: { inputSchema: [{ name: 'orderId', type: 'string', required: true }] },
    },
    {
      id: 'answer',
      type: 'flow.respond',
      config: { body: { order: '{{ trigger.body.orderId }}', status: '已发货' } },
    },
  ],
  '订单状态',
)

const caller = (flowId: string, inputs: Record<string, unknown> = { orderId: '{{ trigger.body.id }}' }) =>
  chainFlow(
    [
      { id: 'trigger', type: 'trigger.manual' },
      { id: 'call', type: 'flow.call', config: { flowId, inputs } },
    ],
    '客服',
  )

/** Starts the flow's published version as a webhook would, and waits for its end. */
async function runPublished(flowId: string, body: unknown, access = me) {
  const flow = await t.deps.store.getFlow(access, flowId)
  const version = flow?.publishedVersion ?? null
  const document = version === null ? undefined : await t.deps.runs.documents.version(flowId, version)
  if (!document) throw new Error('publish the flow first')
  const { runId } = await t.deps.runs.start({
    ownerId: access.userId,
    flowId,
    flowVersion: version,
    document,
    trigger: 'webhook',
    event: { body },
  })
  return view(runId)
}

async function view(runId: string, headers = owner): Promise<RunView> {
  await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 10_000 })
  return (await callApi(app, 'GET', `/api/runs/${runId}`, { headers })).body as RunView
}

const publish = (flowId: string, headers = owner) =>
  callApi(app, 'POST', `/api/flows/${flowId}/publish`, { headers })

describe('flow.call', () => {
  it('runs the published child with inputs mapped by templates, outputs its answer, and links both runs', async () => {
    const child = await storeFlow(t.deps, me, orderStatus, { publish: true })
    const parent = await storeFlow(t.deps, me, caller(child.id), { publish: true })
    const run = await runPublished(parent.id, { id: 'A-1001' })
    expect(run.status).toBe('succeeded')
    const call = run.nodes.find((n) => n.nodeId === 'call')
    const output = call?.output as { result: unknown; runId: string }
    expect(output.result).toEqual({ order: 'A-1001', status: '已发货' })
    const childRun = await view(output.runId)
    expect(childRun).toMatchObject({
      trigger: 'flow',
      parentRunId: run.id,
      flowVersion: 1,
      input: { orderId: 'A-1001' },
    })
    const children = await callApi(app, 'GET', `/api/runs?parentRunId=${run.id}`, { headers: owner })
    expect((children.body as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([output.runId])
  })

  it("fails with the child's error, naming the child run", async () => {
    const child = await storeFlow(t.deps, me, orderStatus, { publish: true })
    // No orderId: the child's trigger refuses its input.
    const parent = await storeFlow(t.deps, me, caller(child.id, {}), { publish: true })
    const run = await runPublished(parent.id, {})
    expect(run.status).toBe('failed')
    expect(run.error).toMatchObject({ code: 'FLOW_CALL_FAILED', nodeId: 'call' })
    expect(run.error?.message).toMatch(/INPUT_INVALID/)
    const [childRun] = (
      (await callApi(app, 'GET', `/api/runs?parentRunId=${run.id}`, { headers: owner })).body as {
        items: { id: string; status: string }[]
      }
    ).items
    expect(childRun?.status).toBe('failed')
    expect(run.error?.message).toContain(childRun?.id)
  })

  it('calls the draft of the child from a draft run in the editor, and refuses an unpublished child otherwise', async () => {
    const child = await storeFlow(t.deps, me, orderStatus)
    const parent = await storeFlow(t.deps, me, caller(child.id), { publish: true })
    const draftRun = await callApi(app, 'POST', `/api/flows/${parent.id}/runs`, {
      headers: owner,
      body: { input: { id: 'B-7' } },
    })
    const draft = await view((draftRun.body as { runId: string }).runId)
    expect(draft.status).toBe('succeeded')
    expect(draft.nodes.find((n) => n.nodeId === 'call')?.output).toMatchObject({ result: { order: 'B-7' } })
    const published = await runPublished(parent.id, { id: 'B-7' })
    expect(published.error).toMatchObject({ code: 'FLOW_CALL_NOT_PUBLISHED', nodeId: 'call' })
  })

  it('stops a cycle made by editing at the depth limit', async () => {
    const loop = await storeFlow(t.deps, me, caller('later', {}))
    await t.deps.store.updateFlowDraft(me, loop.id, { document: caller(loop.id, {}) })
    const started = await callApi(app, 'POST', `/api/flows/${loop.id}/runs`, {
      headers: owner,
      body: { input: {} },
    })
    const top = await view((started.body as { runId: string }).runId)
    expect(top.status).toBe('failed')
    expect(top.error?.message).toMatch(/FLOW_CALL_DEPTH/)
    // Five levels of children, each the child of the one before.
    let depth = 0
    let id = top.id
    for (;;) {
      const page = await callApi(app, 'GET', `/api/runs?parentRunId=${id}`, { headers: owner })
      const next = (page.body as { items: { id: string }[] }).items[0]
      if (!next) break
      depth++
      id = next.id
    }
    expect(depth).toBe(5)
  })

  it('refuses to publish a call cycle, naming the flows in order', async () => {
    const a = await storeFlow(t.deps, me, caller('later', {}))
    const b = await storeFlow(t.deps, me, { ...caller(a.id, {}), name: 'B 流程' } as Flow, { publish: true })
    await t.deps.store.updateFlowDraft(me, a.id, { document: caller(b.id, {}) })
    const res = await publish(a.id)
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ error: { code: 'FLOW_CALL_CYCLE' } })
    expect((res.body as { error: { message: string } }).error.message).toContain('客服 → B 流程 → 客服')
  })

  it('needs no second worker: with one run at a time, a parent still gets its child (no deadlock)', async () => {
    await closeRunApp({ t, kit })
    ;({ t, app, owner, kit } = await createRunApp({ runConcurrency: 1 }))
    const [user] = await t.deps.store.listUsers()
    me = { userId: user?.id ?? '', all: false }
    const child = await storeFlow(t.deps, me, orderStatus, { publish: true })
    const middle = await storeFlow(t.deps, me, { ...caller(child.id), name: '中间' } as Flow, {
      publish: true,
    })
    const top = await storeFlow(t.deps, me, caller(middle.id, { id: '{{ trigger.body.id }}' }), {
      publish: true,
    })
    const run = await runPublished(top.id, { id: 'C-3' })
    expect(run.status).toBe('succeeded')
    // The middle flow has no Respond node: it answers with its last step's output, its own call's.
    expect(run.nodes.find((n) => n.nodeId === 'call')?.output).toMatchObject({
      result: { result: { order: 'C-3' } },
    })
  })

  describe('a child that waits for an approval', () => {
    /** Takes `orderId`, asks for an approval of it, answers with the approved text. */
    const reviewed = (() => {
      const doc = chainFlow(
        [
          {
            id: 'trigger',
            type: 'trigger.webhook',
            config: { inputSchema: [{ name: 'orderId', type: 'string', required: true }] },
          },
          {
            id: 'review',
            type: 'flow.approval',
            config: { title: '退款', content: '{{ trigger.body.orderId }}' },
          },
          { id: 'answer', type: 'flow.respond', config: { body: { refund: '{{ nodes.review.content }}' } } },
        ],
        '退款审核',
      )
      const edges = doc.edges.map((e) => (e.source === 'review' ? { ...e, sourcePort: 'approved' } : e))
      return { ...doc, edges }
    })()

    const children = async (runId: string) =>
      (
        (await callApi(app, 'GET', `/api/runs?parentRunId=${runId}`, { headers: owner })).body as {
          items: { id: string; status: string }[]
        }
      ).items

    /** Polls: the parent goes on in the background once the child ends. */
    async function settledView(runId: string, status: string) {
      for (let i = 0; i < 250; i++) {
        const run = (await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).body as RunView
        if (run.status === status) return run
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      throw new Error(`run ${runId} never became ${status}`)
    }

    async function waitingParent() {
      const child = await storeFlow(t.deps, me, reviewed, { publish: true })
      const parent = await storeFlow(t.deps, me, caller(child.id), { publish: true })
      const run = await runPublished(parent.id, { id: 'R-42' })
      return { run: await settledView(run.id, 'waiting'), child }
    }

    it('makes the parent wait, shows the child’s approval in 审核, and resumes the parent with the approved answer', async () => {
      const { run } = await waitingParent()
      const call = run.nodes.find((n) => n.nodeId === 'call')
      expect(call?.status).toBe('waiting')
      const [childRun] = await children(run.id)
      expect(childRun?.status).toBe('waiting')
      expect(call?.output).toMatchObject({
        calledRunId: childRun?.id,
        flowName: '退款审核',
        childStatus: 'waiting',
      })

      // The inbox holds the child's approval, not the parent's wait.
      const inbox = (await callApi(app, 'GET', '/api/approvals', { headers: owner })).body as {
        items: { runId: string; nodeKey: string; content: string }[]
      }
      expect(inbox.items).toEqual([
        expect.objectContaining({ runId: childRun?.id, nodeKey: 'review', content: 'R-42' }),
      ])

      const decided = await callApi(app, 'POST', `/api/approvals/${childRun?.id}/review`, {
        headers: owner,
        body: { decision: 'approve', content: 'R-42 全额退款' },
      })
      expect(decided.status).toBe(200)
      const done = await settledView(run.id, 'succeeded')
      expect(done.nodes.find((n) => n.nodeId === 'call')?.output).toEqual({
        result: { refund: 'R-42 全额退款' },
        runId: childRun?.id,
      })
      // Resumed, the call found the child it had started: still exactly one.
      expect((await children(run.id)).map((c) => [c.id, c.status])).toEqual([[childRun?.id, 'succeeded']])
    })

    it('fails the parent’s call when the waiting child is cancelled instead', async () => {
      const { run } = await waitingParent()
      const [childRun] = await children(run.id)
      const cancel = await callApi(app, 'POST', `/api/runs/${childRun?.id}/cancel`, { headers: owner })
      expect(cancel.status).toBe(200)
      const failed = await settledView(run.id, 'failed')
      expect(failed.error).toMatchObject({ code: 'FLOW_CALL_FAILED', nodeId: 'call' })
      expect(failed.error?.message).toContain('cancelled')
    })

    it('cancels the waiting child with its waiting parent: its approval leaves 审核', async () => {
      const { run } = await waitingParent()
      const cancel = await callApi(app, 'POST', `/api/runs/${run.id}/cancel`, { headers: owner })
      expect(cancel.status).toBe(200)
      const [childRun] = await children(run.id)
      expect(childRun?.status).toBe('cancelled')
      expect((await callApi(app, 'GET', '/api/approvals', { headers: owner })).body).toEqual({ items: [] })
    })

    it('wakes a parent whose child ended unnoticed (the safety net of the deadline beat)', async () => {
      const { run } = await waitingParent()
      const [childRun] = await children(run.id)
      // The child ends behind the run service's back, as in a process that died before waking its caller.
      await t.deps.store.finishRun(childRun?.id ?? '', {
        status: 'failed',
        error: { code: 'BOOM', message: 'gone' },
        finishedAt: t.deps.now(),
      })
      expect(await t.deps.runs.wakeStrandedCallers()).toBe(1)
      const failed = await settledView(run.id, 'failed')
      expect(failed.error?.message).toContain('BOOM')
      expect(await t.deps.runs.wakeStrandedCallers()).toBe(0)
    })
  })

  it('cancels the running child with its parent, recorded cancelled (not interrupted)', async () => {
    const slow = chainFlow(
      [
        { id: 'trigger', type: 'trigger.webhook' },
        { id: 'wait', type: 'util.delay', config: { ms: 20_000 } },
      ],
      '慢',
    )
    const child = await storeFlow(t.deps, me, slow, { publish: true })
    const parent = await storeFlow(t.deps, me, caller(child.id, {}), { publish: true })
    const { runId } = await t.deps.runs.start({
      ownerId: me.userId,
      flowId: parent.id,
      flowVersion: 1,
      document: caller(child.id, {}),
      trigger: 'webhook',
      event: { body: {} },
    })
    let childId: string | undefined
    for (let i = 0; i < 250 && !childId; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      const page = await callApi(app, 'GET', `/api/runs?parentRunId=${runId}`, { headers: owner })
      childId = (page.body as { items: { id: string; status: string }[] }).items.find(
        (r) => r.status === 'running',
      )?.id
    }
    expect((await callApi(app, 'POST', `/api/runs/${runId}/cancel`, { headers: owner })).status).toBe(200)
    const ended = await view(childId ?? '')
    expect(ended.status).toBe('cancelled')
    expect((await view(runId)).status).toBe('cancelled')
  })

  it("runs an agent's flow tool as a child run linked to the agent's run, and its step names that run", async () => {
    const child = await storeFlow(t.deps, me, orderStatus, { publish: true })
    const agent = chainFlow(
      [
        { id: 'trigger', type: 'trigger.manual' },
        // No model provider is configured: the offline demo model calls the order tool with the number asked about.
        { id: 'agent', type: 'ai.agent', config: { prompt: '订单 12345 到哪了？', flowTools: [child.id] } },
      ],
      '客服智能体',
    )
    const parent = await storeFlow(t.deps, me, agent, { publish: true })
    const run = await runPublished(parent.id, {})
    expect(run.status).toBe('succeeded')
    const [childRun] = (
      (await callApi(app, 'GET', `/api/runs?parentRunId=${run.id}`, { headers: owner })).body as {
        items: { id: string }[]
      }
    ).items
    expect(await view(childRun?.id ?? '')).toMatchObject({
      trigger: 'flow',
      parentRunId: run.id,
      status: 'succeeded',
      input: { orderId: '12345' },
    })
    // The agent's recorded tool call names the child run, which the run view links to.
    const agentStep = (await view(run.id)).nodes.find((n) => n.nodeId === 'agent')
    const output = agentStep?.output as { steps: { toolCalls: { runId?: string }[] }[] }
    expect(childRun?.id).toBeTruthy()
    expect(output.steps[0]?.toolCalls).toMatchObject([{ runId: childRun?.id }])
  })

  it("cannot call another user's flow", async () => {
    const child = await storeFlow(t.deps, me, orderStatus, { publish: true })
    const other = await createUserWithRole(app, owner, 'editor')
    const theirs = { userId: other.userId, all: false }
    const parent = await storeFlow(t.deps, theirs, caller(child.id), { publish: true })
    const run = await runPublished(parent.id, { id: '1' }, theirs)
    expect(run.status).toBe('failed')
    expect(run.error).toMatchObject({ code: 'FLOW_CALL_NOT_FOUND', nodeId: 'call' })
  })
})

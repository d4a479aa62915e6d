import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Access, createSqliteStore } from '@zhiliu/db'
import { Flow } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import type { RunView } from '../runs/run-view.ts'
import { ownerAccess, storeFlow } from '../runs/test-kit.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'
import { createApprovalService } from './approval-service.ts'

// trigger → review (审核) → approved: publish text / rejected: note / timeout: late.
const reviewFlow = Flow.parse({
  schemaVersion: 1,
  name: '早间快讯',
  nodes: [
    { id: 't', type: 'trigger.manual', version: 1 },
    {
      id: 'review',
      type: 'flow.approval',
      version: 1,
      config: { title: '{{ trigger.body.title }}', content: '{{ trigger.body.text }}', deadlineMinutes: 5 },
    },
    {
      id: 'publish',
      type: 'text.template',
      version: 1,
      config: { template: '发布：{{ nodes.review.content }}' },
    },
    {
      id: 'note',
      type: 'text.template',
      version: 1,
      config: { template: '退回：{{ nodes.review.comment }}' },
    },
    { id: 'late', type: 'text.template', version: 1, config: { template: '超时' } },
  ],
  edges: [
    { id: 'e1', source: 't', target: 'review' },
    { id: 'e2', source: 'review', sourcePort: 'approved', target: 'publish' },
    { id: 'e3', source: 'review', sourcePort: 'rejected', target: 'note' },
    { id: 'e4', source: 'review', sourcePort: 'timeout', target: 'late' },
  ],
})

const dirs: string[] = []
let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(async () => {
  await t.close()
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 250; i++) {
    const value = await read()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('timed out waiting')
}

const runOf = (target: typeof app, headers: AuthHeaders, runId: string) =>
  until(
    async () => (await callApi(target, 'GET', `/api/runs/${runId}`, { headers })).body as RunView,
    (run) => run.status !== 'queued' && run.status !== 'running',
  )

async function startWaiting(target = app, headers = owner) {
  const flow = await storeFlow(t.deps, await ownerAccess(t.deps), reviewFlow)
  const started = await callApi(target, 'POST', `/api/flows/${flow.id}/runs`, {
    headers,
    body: { input: { title: '台风预警', text: '**台风**今晚登陆' } },
  })
  const runId = (started.body as { runId: string }).runId
  const run = await runOf(target, headers, runId)
  expect(run.status).toBe('waiting')
  return runId
}

const decide = (runId: string, body: unknown, headers = owner) =>
  callApi(app, 'POST', `/api/approvals/${runId}/review`, { headers, body })

describe('approvals', () => {
  it('lists the waiting approval and, approved with edits, continues the run on `approved` with the edited text', async () => {
    const runId = await startWaiting()
    const inbox = await callApi(app, 'GET', '/api/approvals', { headers: owner })
    expect(inbox.body).toEqual({
      items: [
        expect.objectContaining({
          runId,
          flowName: '早间快讯',
          nodeId: 'review',
          nodeKey: 'review',
          title: '台风预警',
          content: '**台风**今晚登陆',
          deadlineAt: expect.any(String),
        }),
      ],
    })

    const res = await decide(runId, { decision: 'approve', content: '**台风**今晚登陆浙江' })
    expect(res.status).toBe(200)
    const run = await runOf(app, owner, runId)
    expect(run.status).toBe('succeeded')
    expect(run.output).toEqual({ text: '发布：**台风**今晚登陆浙江' })
    const review = run.nodes.find((n) => n.key === 'review')
    expect(review).toMatchObject({ status: 'succeeded', ports: ['approved'] })
    expect(review?.output).toMatchObject({ decision: 'approved', decidedBy: { email: 'owner@example.com' } })
    expect(run.nodes.find((n) => n.key === 'note')?.status).toBe('skipped')
    expect((await callApi(app, 'GET', '/api/approvals', { headers: owner })).body).toEqual({ items: [] })
  })

  it('takes `rejected` with the comment; a second decision answers 409', async () => {
    const runId = await startWaiting()
    const [a, b] = await Promise.all([
      decide(runId, { decision: 'reject', comment: '来源不足' }),
      decide(runId, { decision: 'approve' }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const run = await runOf(app, owner, runId)
    const winner = a.status === 200 ? 'note' : 'publish'
    expect(run.nodes.find((n) => n.key === winner)?.status).toBe('succeeded')
    if (winner === 'note') expect(run.output).toEqual({ text: '退回：来源不足' })
    expect((await decide(runId, { decision: 'approve' })).body).toMatchObject({
      error: { code: 'ALREADY_DECIDED' },
    })
  })

  it("hides another user's approval (404, not listed) and refuses viewers", async () => {
    const runId = await startWaiting()
    const editor = await createUserWithRole(app, owner, 'editor')
    const viewer = await createUserWithRole(app, owner, 'viewer')
    expect((await callApi(app, 'GET', '/api/approvals', { headers: editor.cookie })).body).toEqual({
      items: [],
    })
    expect((await decide(runId, { decision: 'approve' }, editor.cookie)).status).toBe(404)
    expect((await decide(runId, { decision: 'approve' }, viewer.cookie)).status).toBe(403)
    expect((await decide(runId, { decision: 'maybe' })).status).toBe(400)
  })

  it('takes `timeout` once the deadline has passed', async () => {
    const runId = await startWaiting()
    const notYet = createApprovalService(t.deps)
    expect(await notYet.expireOverdue()).toBe(0)
    const later = createApprovalService({ ...t.deps, now: () => Date.now() + 6 * 60_000 })
    expect(await later.expireOverdue()).toBe(1)
    const run = await runOf(app, owner, runId)
    expect(run).toMatchObject({ status: 'succeeded', output: { text: '超时' } })
    expect(run.nodes.find((n) => n.key === 'review')?.output).toMatchObject({
      decision: 'timeout',
      decidedBy: null,
    })
  })

  it('keeps waiting across a restart: recovery leaves it alone, and a decision after it finishes the run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zhiliu-approval-'))
    dirs.push(dir)
    const file = join(dir, 'zhiliu.db')
    const first = createSqliteStore({ file })
    const before = await createTestDeps({ store: first })
    const beforeApp = createApp(before.deps)
    const headers = await setupOwner(beforeApp)
    const flow = await storeFlow(before.deps, await ownerAccess(before.deps), reviewFlow)
    const started = await callApi(beforeApp, 'POST', `/api/flows/${flow.id}/runs`, {
      headers,
      body: { input: { title: 'x', text: 'draft' } },
    })
    const runId = (started.body as { runId: string }).runId
    expect((await runOf(beforeApp, headers, runId)).status).toBe('waiting')
    await before.close()
    first.close()

    const second = createSqliteStore({ file })
    const after = await createTestDeps({ store: second })
    try {
      expect(await after.deps.runs.recover()).toEqual([])
      const afterApp = createApp(after.deps)
      const items = (await callApi(afterApp, 'GET', '/api/approvals', { headers })).body as {
        items: unknown[]
      }
      expect(items.items).toHaveLength(1)
      const res = await callApi(afterApp, 'POST', `/api/approvals/${runId}/review`, {
        headers,
        body: { decision: 'approve' },
      })
      expect(res.status).toBe(200)
      expect(await runOf(afterApp, headers, runId)).toMatchObject({
        status: 'succeeded',
        output: { text: '发布：draft' },
      })
    } finally {
      await after.close()
      second.close()
    }
  })
})

describe('who may approve', () => {
  const withApprover = (config: Record<string, unknown>) =>
    Flow.parse({
      ...reviewFlow,
      nodes: reviewFlow.nodes.map((n) =>
        n.id === 'review' ? { ...n, config: { ...n.config, ...config } } : n,
      ),
    })
  async function waitingRun(document: Flow, access: Access, headers: AuthHeaders) {
    const flow = await storeFlow(t.deps, access, document)
    const started = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, {
      headers,
      body: { input: { title: '台风预警', text: '今晚登陆' } },
    })
    const runId = (started.body as { runId: string }).runId
    expect((await runOf(app, headers, runId)).status).toBe('waiting')
    return runId
  }
  const inbox = async (headers: AuthHeaders) =>
    ((await callApi(app, 'GET', '/api/approvals', { headers })).body as { items: { runId: string }[] }).items

  it('"只有所有者": the editor whose run it is neither sees it nor may decide (403 NOT_APPROVER); an owner may', async () => {
    const editor = await createUserWithRole(app, owner, 'editor')
    const runId = await waitingRun(
      withApprover({ approvers: 'owners' }),
      { userId: editor.userId, all: false },
      editor.cookie,
    )
    expect(await inbox(editor.cookie)).toEqual([])
    const refused = await decide(runId, { decision: 'approve' }, editor.cookie)
    expect(refused).toMatchObject({
      status: 403,
      body: { error: { code: 'NOT_APPROVER', details: { approver: { role: 'owner' } } } },
    })
    expect((await inbox(owner)).map((i) => i.runId)).toEqual([runId])
    expect((await decide(runId, { decision: 'approve' })).status).toBe(200)
  })

  it('a named member sees and decides it even in the owner’s run; the owner and other editors do not', async () => {
    const named = await createUserWithRole(app, owner, 'editor')
    const other = await createUserWithRole(app, owner, 'editor')
    const runId = await waitingRun(
      withApprover({ approvers: 'person', approverEmail: named.email.toUpperCase() }),
      await ownerAccess(t.deps),
      owner,
    )
    expect(await inbox(owner)).toEqual([])
    expect(await decide(runId, { decision: 'approve' })).toMatchObject({
      status: 403,
      body: { error: { code: 'NOT_APPROVER', details: { approver: { email: named.email } } } },
    })
    expect(await inbox(other.cookie)).toEqual([])
    expect((await decide(runId, { decision: 'approve' }, other.cookie)).status).toBe(404)

    expect((await inbox(named.cookie)).map((i) => i.runId)).toEqual([runId])
    const decided = await decide(runId, { decision: 'reject', comment: '再核实' }, named.cookie)
    expect(decided).toMatchObject({ status: 200, body: { decidedBy: { email: named.email } } })
    expect((await runOf(app, owner, runId)).output).toEqual({ text: '退回：再核实' })
  })
})

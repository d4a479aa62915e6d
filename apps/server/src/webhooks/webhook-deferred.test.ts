import { createRegistry, defineNode, type Flow, type RunHistory } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createApp } from '../create-app.ts'
import { createTestNodes, ownerAccess } from '../runs/test-kit.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { setupOwner } from '../test-support/sign-in.ts'
import { hookRequestHash } from './hook-request-hash.ts'
import { hookFlow, publishHook, runCount } from './hook-test-kit.ts'

// A sync webhook run is written late (runs/deferred-registration.ts): these tests say when, and what a caller gets.

let t: TestDeps
let app: ReturnType<typeof createApp>
let kit: ReturnType<typeof createTestNodes>
/** What the store held for the run when `test.send` acted (a node with side effects). */
let seenBySend: { status: string } | undefined | 'not-called'
beforeEach(async () => {
  kit = createTestNodes()
  seenBySend = 'not-called'
  const send = defineNode({
    type: 'test.send',
    version: 1,
    category: 'integration',
    title: { 'zh-CN': '发送', en: 'Send' },
    description: { 'zh-CN': '发送', en: 'Sends' },
    inputs: [{ name: 'in', label: { 'zh-CN': '输入', en: 'In' } }],
    outputs: [{ name: 'out', label: { 'zh-CN': '输出', en: 'Out' } }],
    config: z.object({}),
    output: z.object({ sent: z.boolean() }),
    sideEffects: 'keyed',
    async run(_input, ctx) {
      const row = await t.deps.store.getRun(await ownerAccess(t.deps), ctx.runId)
      seenBySend = row && { status: row.status }
      return { sent: true }
    },
  })
  t = await createTestDeps({ registry: createRegistry([...kit.definitions, send]) })
  app = createApp(t.deps)
  await setupOwner(app)
})
afterEach(() => t.close())

const call = (flowId: string, headers: Record<string, string> = {}) =>
  app.request(`/hooks/${flowId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{"n":1}',
  })

const keeping = (flow: Flow, runHistory: RunHistory): Flow => ({
  ...flow,
  settings: { ...flow.settings, runHistory },
})

const pure = hookFlow({}, [
  { id: 'count', type: 'test.count' },
  { id: 'reply', type: 'flow.respond', config: { status: 200, body: { n: '{{ nodes.count.n }}' } } },
])

/** Every run write the store is asked for, by method. */
function watchRunWrites() {
  const { store } = t.deps
  const methods = [
    'createRunRecord',
    'createRun',
    'saveResults',
    'finishRun',
    'recordRun',
    'claimDelivery',
  ] as const
  const spies = Object.fromEntries(methods.map((m) => [m, vi.spyOn(store, m)]))
  return () => Object.fromEntries(methods.map((m) => [m, spies[m]?.mock.calls.length ?? 0]))
}

describe('a sync webhook run written late', () => {
  it('is one write at its end when kept: the row with its status, output and node results', async () => {
    const id = await publishHook(t.deps, pure)
    const writes = watchRunWrites()
    const res = await call(id)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ n: 1 })
    const runId = res.headers.get('x-zhiliu-run-id') ?? ''
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
    expect(writes()).toEqual({
      createRunRecord: 0,
      createRun: 0,
      saveResults: 0,
      finishRun: 0,
      recordRun: 1,
      claimDelivery: 0,
    })
    const access = await ownerAccess(t.deps)
    expect(await t.deps.store.getRun(access, runId)).toMatchObject({
      status: 'succeeded',
      trigger: 'webhook',
    })
    const results = await t.deps.store.listNodeResults(access, runId)
    expect(results?.map((r) => r.key).sort()).toEqual(['count', 'reply', 'trigger'])
  })

  it('stores no run at all when its history setting does not keep it, and counts it as not kept', async () => {
    const id = await publishHook(t.deps, keeping(pure, 'failed'))
    const res = await call(id)
    expect(res.status).toBe(200)
    const runId = res.headers.get('x-zhiliu-run-id') ?? ''
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
    expect(await runCount(t.deps)).toBe(0)
    expect(await t.deps.store.countRunsNotKept(await ownerAccess(t.deps), id)).toBe(1)
  })

  it('writes nothing before its first checkpoint: a crash there leaves no record', async () => {
    const id = await publishHook(t.deps, hookFlow({}, [{ id: 'gate', type: 'test.gate' }]))
    const answer = call(id)
    await kit.entered()
    // The run is executing (its gate is open to the test): what a crash now would leave is what the store has.
    expect(await runCount(t.deps)).toBe(0)
    kit.open()
    expect((await answer).status).toBe(200)
    expect(await runCount(t.deps)).toBe(1)
  })

  it('is registered, running, before a node with side effects acts; its end then applies its history setting', async () => {
    const flow = hookFlow({}, [
      { id: 'count', type: 'test.count' },
      { id: 'send', type: 'test.send' },
    ])
    const id = await publishHook(t.deps, keeping(flow, 'none'))
    const res = await call(id)
    expect(res.status).toBe(200)
    expect(seenBySend).toEqual({ status: 'running' })
    // Registered with its history setting: the end then deletes it like any run registered at its start.
    const runId = res.headers.get('x-zhiliu-run-id') ?? ''
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
    expect(await runCount(t.deps)).toBe(0)
    expect(await t.deps.store.countRunsNotKept(await ownerAccess(t.deps), id)).toBe(1)
  })

  it('is stored waiting when it stops for an approval, whatever its history setting', async () => {
    const flow = hookFlow({ timeoutMs: 1000 }, [
      { id: 'review', type: 'flow.approval', config: { title: 'check', content: '{{ trigger.body.n }}' } },
    ])
    const id = await publishHook(t.deps, keeping(flow, 'none'))
    const res = await call(id)
    expect(res.status).toBe(202)
    const { items } = await t.deps.store.listRuns(await ownerAccess(t.deps))
    expect(items.map((r) => r.status)).toEqual(['waiting'])
  })

  it('is written before its caller is given a status URL, so that URL finds it', async () => {
    const id = await publishHook(t.deps, hookFlow({ timeoutMs: 1000 }, [{ id: 'gate', type: 'test.gate' }]))
    const res = await call(id)
    expect(res.status).toBe(202)
    const { statusUrl } = (await res.json()) as { statusUrl: string }
    const running = await app.request(statusUrl)
    expect(running.status).toBe(200)
    expect(await running.json()).toMatchObject({ status: 'running' })
    kit.open()
    const runId = res.headers.get('x-zhiliu-run-id') ?? ''
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
    expect(await (await app.request(statusUrl)).json()).toMatchObject({ status: 'succeeded' })
  })
})

describe('a run written late at shutdown', () => {
  it('is stored queued when it never started, as a run registered at its start stays, and interrupted when it ran', async () => {
    await t.close()
    t = await createTestDeps({ registry: createRegistry(kit.definitions), config: { runConcurrency: 1 } })
    app = createApp(t.deps)
    await setupOwner(app)
    const id = await publishHook(t.deps, hookFlow({}, [{ id: 'gate', type: 'test.gate' }]))
    const first = call(id)
    await kit.entered()
    const second = call(id)
    // The second waits for the only slot; neither is stored yet.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await runCount(t.deps)).toBe(0)
    await t.deps.runs.close(0)
    const { items } = await t.deps.store.listRuns(await ownerAccess(t.deps))
    expect(items.map((r) => r.status).sort()).toEqual(['failed', 'queued'])
    // The one that ran is answered with its end; the other's caller waits on (its run resumes at the next start).
    expect((await first).status).toBe(500)
    void second
  })
})

describe('an Idempotency-Key on a run written late', () => {
  it('is claimed with the run: a retry after its end gets that run, a duplicate during it waits for it', async () => {
    const id = await publishHook(t.deps, hookFlow({}, [{ id: 'gate', type: 'test.gate' }]))
    const key = { 'idempotency-key': 'order-7' }
    const first = call(id, key)
    await kit.entered()
    // Not stored yet, and neither is its claim: the duplicate finds the run executing in this process.
    expect(await t.deps.store.findDelivery({ flowId: id, idempotencyKey: 'order-7', now: Date.now() })).toBe(
      undefined,
    )
    const duplicate = call(id, key)
    kit.open()
    const [a, b] = await Promise.all([first, duplicate])
    expect(a.headers.get('x-zhiliu-run-id')).toBe(b.headers.get('x-zhiliu-run-id'))
    expect(b.headers.get('idempotent-replayed')).toBe('true')
    const runId = a.headers.get('x-zhiliu-run-id') ?? ''
    expect(
      await t.deps.store.findDelivery({ flowId: id, idempotencyKey: 'order-7', now: Date.now() }),
    ).toEqual({
      runId,
      requestHash: expect.any(String),
    })
    const retry = await call(id, key)
    expect(retry.headers.get('x-zhiliu-run-id')).toBe(runId)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await runCount(t.deps)).toBe(1)
  })

  it('taken by another process’s run first: this run stores nothing and its caller gets that run', async () => {
    const id = await publishHook(t.deps, hookFlow({}, [{ id: 'gate', type: 'test.gate' }]))
    const first = call(id, { 'idempotency-key': 'order-8' })
    await kit.entered()
    // Another process, sharing the database, started and ended a run under the same key meanwhile.
    const access = await ownerAccess(t.deps)
    const { other, held } = await recordElsewhere(id, 'order-8', 'run-from-elsewhere', { from: 'elsewhere' })
    expect(held).toEqual({ claimed: true })
    kit.open()
    const res = await first
    expect(res.headers.get('x-zhiliu-run-id')).toBe(other.id)
    expect(res.headers.get('idempotent-replayed')).toBe('true')
    expect(await res.json()).toEqual({ from: 'elsewhere' })
    expect((await t.deps.store.listRuns(access)).items.map((r) => r.id)).toEqual([other.id])
  })

  it('taken elsewhere before a side effect: the side effect never acts, and the caller gets the key’s run', async () => {
    const flow = hookFlow({}, [
      { id: 'gate', type: 'test.gate' },
      { id: 'send', type: 'test.send' },
    ])
    const id = await publishHook(t.deps, flow)
    const first = call(id, { 'idempotency-key': 'order-9' })
    await kit.entered()
    const access = await ownerAccess(t.deps)
    const { other } = await recordElsewhere(id, 'order-9', 'sent-from-elsewhere', { sent: 'once' })
    kit.open()
    const res = await first
    expect(seenBySend).toBe('not-called')
    expect(res.headers.get('x-zhiliu-run-id')).toBe(other.id)
    expect(await res.json()).toEqual({ sent: 'once' })
    expect((await t.deps.store.listRuns(access)).items.map((r) => r.id)).toEqual([other.id])
  })
})

/** What another process sharing the database does: a run under `key`, ended with `output`, stored whole. */
async function recordElsewhere(flowId: string, key: string, runId: string, output: unknown) {
  const access = await ownerAccess(t.deps)
  const other = {
    id: runId,
    flowId,
    ownerId: access.userId,
    trigger: 'webhook' as const,
    status: 'running' as const,
    event: { body: { n: 1 } },
    startedAt: Date.now(),
  }
  const held = await t.deps.store.recordRun(other, {
    claim: { flowId, idempotencyKey: key, requestHash: requestHashOf(), now: Date.now() },
    outcome: { status: 'succeeded', output, finishedAt: Date.now() },
  })
  return { other, held }
}

/** The request hash this test's calls carry: no query, the same body. */
function requestHashOf(): string {
  return hookRequestHash(new TextEncoder().encode('{"n":1}'), '/hooks/any')
}

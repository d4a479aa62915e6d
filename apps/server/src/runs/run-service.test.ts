import { createRegistry } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { createRunServiceFor } from './create-run-service-for.ts'
import type { RunService, StartRequest } from './run-service.ts'
import { chainFlow, createTestNodes } from './test-kit.ts'

let t: TestDeps
let kit: ReturnType<typeof createTestNodes>
let ownerId: string
beforeEach(async () => {
  kit = createTestNodes()
  t = await createTestDeps({ registry: createRegistry(kit.definitions), config: { runConcurrency: 1 } })
  ownerId = (await t.deps.store.createUser({ email: 'o@example.com', passwordHash: 'x', role: 'owner' })).id
})
afterEach(async () => {
  kit.open()
  await t.close()
})

const gated = chainFlow([
  { id: 'trigger', type: 'trigger.manual' },
  { id: 'gate', type: 'test.gate' },
])
const draft = (document = gated): StartRequest => ({
  ownerId,
  flowId: null,
  flowVersion: null,
  document,
  trigger: 'manual',
  event: { body: { n: 1 } },
})
const statusOf = async (runId: string) =>
  (await t.deps.store.getRun({ userId: ownerId, all: true }, runId))?.status

describe('waiting for a run', () => {
  it('answers at the first flow.respond while later nodes are still running', async () => {
    const flow = chainFlow([
      { id: 'trigger', type: 'trigger.manual' },
      { id: 'reply', type: 'flow.respond', config: { status: 202, body: { got: '{{ trigger.body.n }}' } } },
      { id: 'gate', type: 'test.gate' },
    ])
    const { runId } = await t.deps.runs.start(draft(flow))
    const wait = await t.deps.runs.waitFor(runId, { until: 'respond', timeoutMs: 5000 })
    expect(wait).toEqual({ state: 'responded', output: { status: 202, headers: {}, body: { got: 1 } } })
    expect(await statusOf(runId)).toBe('running')
    kit.open()
    expect(await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })).toMatchObject({
      state: 'finished',
      outcome: { status: 'succeeded' },
    })
  })

  it('gives up after the timeout while the run goes on', async () => {
    const { runId } = await t.deps.runs.start(draft())
    expect(await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 20 })).toEqual({ state: 'timeout' })
    expect(await statusOf(runId)).toBe('running')
  })
})

describe('shutdown and recovery', () => {
  it('records a run still running after the grace period as failed INTERRUPTED and keeps queued ones queued', async () => {
    const running = await t.deps.runs.start(draft())
    const queued = await t.deps.runs.start(draft())
    await kit.entered()
    await t.deps.runs.close(10)
    const access = { userId: ownerId, all: true }
    expect(await t.deps.store.getRun(access, running.runId)).toMatchObject({
      status: 'failed',
      error: { code: 'INTERRUPTED' },
    })
    expect(await statusOf(queued.runId)).toBe('queued')
    expect(await t.deps.store.listRunsWithStatus('running')).toEqual([])

    kit.open()
    const next: RunService = createRunServiceFor(t.deps)
    expect(await next.recover()).toEqual([queued.runId])
    expect(await next.waitFor(queued.runId, { until: 'finish', timeoutMs: 5000 })).toMatchObject({
      outcome: { status: 'succeeded' },
    })
    await next.close(0)
  })

  it('resumes a run a crashed process left running without executing its finished nodes again', async () => {
    const flow = chainFlow([
      { id: 'trigger', type: 'trigger.manual' },
      { id: 'paid', type: 'test.count' },
      { id: 'unfinished', type: 'test.count' },
    ])
    const { store } = t.deps
    const { event, document } = draft(flow)
    await store.createRunRecord({
      id: 'crashed',
      ownerId,
      trigger: 'manual',
      event,
      document,
      status: 'running',
      startedAt: 1,
    })
    const recorded = {
      ports: ['out'],
      attempts: 1,
      startedAt: 2,
      finishedAt: 3,
      status: 'succeeded' as const,
    }
    const trigger = {
      body: { n: 1 },
      headers: {},
      query: {},
      method: '',
      firedAt: '2030-01-01T00:00:00.000Z',
    }
    await store.recordNode('crashed', { ...recorded, key: 'trigger', nodeId: 'trigger', output: trigger })
    await store.recordNode('crashed', {
      ...recorded,
      key: 'paid',
      nodeId: 'paid',
      output: { n: 41, value: trigger },
    })

    expect(await t.deps.runs.recover()).toEqual(['crashed'])
    const end = await t.deps.runs.waitFor('crashed', { until: 'finish', timeoutMs: 5000 })
    expect(end).toMatchObject({ state: 'finished', outcome: { status: 'succeeded', output: { n: 1 } } })
    expect([kit.calls('paid'), kit.calls('unfinished')]).toEqual([0, 1])
  })

  it('cancels a queued run before it starts, and the worker then skips it', async () => {
    const first = await t.deps.runs.start(draft())
    const second = await t.deps.runs.start(draft())
    await kit.entered()
    expect(await t.deps.runs.cancel({ userId: ownerId, all: true }, second.runId)).toEqual({
      runId: second.runId,
      status: 'cancelled',
    })
    kit.open()
    await t.deps.runs.waitFor(first.runId, { until: 'finish', timeoutMs: 5000 })
    await t.deps.runs.close(1000)
    expect(await statusOf(second.runId)).toBe('cancelled')
    expect(await t.deps.store.loadNodeResults(second.runId)).toEqual([])
  })
})

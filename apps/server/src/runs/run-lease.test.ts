import type { RunEvent } from '@zhiliu/engine'
import { createRegistry, defineNode, t as text } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { chainFlow, createTestNodes } from './test-kit.ts'

// Queue mode's ownership, on the in-process queue and SQLite: what a worker does when its run was claimed away.
let t: TestDeps
let kit: ReturnType<typeof createTestNodes>
let ownerId: string
let sends = 0
/** A node with side effects: the engine confirms every earlier write before it starts. */
const send = defineNode({
  type: 'test.send',
  version: 1,
  category: 'publish',
  title: text('发送', 'Send'),
  description: text('发送', 'Counts its sends'),
  inputs: [{ name: 'in', label: text('输入', 'In') }],
  outputs: [{ name: 'out', label: text('输出', 'Out') }],
  config: z.object({}),
  output: z.object({ n: z.number() }),
  sideEffects: 'keyed',
  async run() {
    sends += 1
    return { n: sends }
  },
})
const all = () => ({ userId: ownerId, all: true })
beforeEach(async () => {
  kit = createTestNodes()
  sends = 0
  const queue = {
    redisUrl: 'redis://unused',
    prefix: 'unused',
    leaseMs: 60_000,
    stalledIntervalMs: 1_000,
    maxStalledCount: 1,
  }
  t = await createTestDeps({ registry: createRegistry([...kit.definitions, send]), config: { queue } })
  ownerId = (await t.deps.store.createUser({ email: 'o@example.com', passwordHash: 'x', role: 'owner' })).id
})
afterEach(async () => {
  kit.open()
  await t.close()
})

const flow = chainFlow([
  { id: 'trigger', type: 'trigger.manual' },
  { id: 'before', type: 'test.count' },
  { id: 'gate', type: 'test.gate' },
  { id: 'after', type: 'test.count' },
  { id: 'send', type: 'test.send' },
])
const start = () =>
  t.deps.runs.start({
    ownerId,
    flowId: null,
    flowVersion: null,
    document: flow,
    trigger: 'manual',
    event: { body: {} },
  })

describe('run ownership in queue mode', () => {
  it('claims the run before executing it: this worker owns it with the first fence', async () => {
    const { runId } = await start()
    await kit.entered()
    expect(await t.deps.store.getRun(all(), runId)).toMatchObject({
      status: 'running',
      workerId: expect.stringMatching(new RegExp(`^all-${process.pid}-`)),
      fence: 1,
    })
  })

  it('stops a run another worker claimed meanwhile: no side effect, nothing more written or announced', async () => {
    const { runId } = await start()
    const events: RunEvent[] = []
    t.deps.runs.subscribe(runId, (event) => events.push(event))
    await kit.entered()
    // This worker stalled past its lease (as seen from later): another one takes the run over.
    const later = Date.now() + 120_000
    expect(await t.deps.store.claimRun(runId, { workerId: 'other', leaseMs: 60_000, now: later })).toBe(2)
    kit.open()
    // Returns once the run's handler has: the stale worker is done with it.
    await t.deps.runs.close(5_000)

    // Pure work may run before the refused write is known (its results stay in memory until the checkpoint before
    // the send, which is refused); a send never does.
    expect(sends).toBe(0)
    expect(await t.deps.store.loadNodeResults(runId)).toEqual([])
    expect(await t.deps.store.getRun(all(), runId)).toMatchObject({
      status: 'running',
      workerId: 'other',
      fence: 2,
    })
    expect(events.map((e) => e.type)).not.toContain('run.finished')
  })

  it('takes a run over from itself: a job handed out again to the process still executing it stalled', async () => {
    const { runId } = await start()
    await kit.entered()
    // Its renewals starved (a busy event loop) until the lease ran out, and the queue hands the job out again: here.
    await t.deps.store.releaseRun(runId, 1)
    await t.deps.runs.resume(runId)
    while ((await t.deps.store.getRun(all(), runId))?.fence !== 2) await new Promise((r) => setTimeout(r, 5))
    kit.reset()
    await kit.entered()
    kit.open()
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5_000 })
    // The newer claim executes it to the end from what was recorded (nothing: pure results wait in memory for the
    // checkpoint before the send, so `before` runs again); the stalled execution wrote nothing more.
    expect(await t.deps.store.getRun(all(), runId)).toMatchObject({ status: 'succeeded', fence: 2 })
    expect(kit.calls('before')).toBe(2)
    expect(sends).toBe(1)
  })

  it('leaves runs left running to the queue at start instead of enqueueing them again', async () => {
    await t.deps.store.createRunRecord({
      id: 'left-running',
      ownerId,
      trigger: 'manual',
      status: 'running',
      event: { body: {} },
      startedAt: 1,
      document: flow,
    })
    expect(await t.deps.runs.recover()).toEqual([])
  })
})

import { createInProcessEventBus, type NodeResult, type RunEvent } from '@zhiliu/engine'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { createLiveRuns } from './live-runs.ts'
import { createSubscribe } from './subscribe-run.ts'

let t: TestDeps
beforeEach(async () => {
  t = await createTestDeps()
})
afterEach(() => t.close())

const result = (key: string): NodeResult => ({
  key,
  nodeId: key,
  status: 'succeeded',
  ports: ['out'],
  output: key,
  attempts: 1,
  startedAt: 10,
  finishedAt: 20,
})

describe('subscribing to a run another process executes', () => {
  it('replays the store, then only the live events the replay does not already cover', async () => {
    const owner = await t.deps.store.createUser({ email: 'o@example.com', passwordHash: 'x', role: 'owner' })
    const runId = 'run-elsewhere'
    await t.deps.store.createRunRecord({
      id: runId,
      ownerId: owner.id,
      trigger: 'manual',
      status: 'running',
      event: { body: null },
      startedAt: 1,
    })
    await t.deps.store.recordNode(runId, result('a'))
    const bus = createInProcessEventBus()
    const subscribe = createSubscribe({
      store: t.deps.store,
      live: createLiveRuns(),
      bus,
      readResults: t.deps.runs.readResults,
    })
    const seen: string[] = []
    const ended = new Promise<void>((resolve) => {
      subscribe(runId, (event) => {
        seen.push(describeEvent(event))
        if (event.type === 'run.finished') resolve()
      })
    })
    // Published while the store is being read: held, then sorted against the replay.
    bus.publish({ type: 'node.started', runId, key: 'a', nodeId: 'a', attempt: 1, at: 10 })
    bus.publish({ type: 'node.finished', runId, result: result('a'), at: 20 })
    bus.publish({ type: 'node.started', runId, key: 'b', nodeId: 'b', attempt: 1, at: 30 })
    await new Promise((resolve) => setTimeout(resolve, 50))
    bus.publish({ type: 'node.finished', runId, result: result('b'), at: 40 })
    bus.publish({ type: 'run.finished', runId, outcome: { status: 'succeeded', finishedAt: 50 }, at: 50 })
    await ended
    expect(seen).toEqual([
      'run.started',
      'node.finished a',
      'node.started b',
      'node.finished b',
      'run.finished',
    ])
  })
})

function describeEvent(event: RunEvent): string {
  if (event.type === 'node.finished') return `${event.type} ${event.result.key}`
  if ('key' in event) return `${event.type} ${event.key}`
  return event.type
}

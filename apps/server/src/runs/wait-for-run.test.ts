import { createInProcessEventBus, type RunOutcome } from '@zhiliu/engine'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { createLiveRuns } from './live-runs.ts'
import { createDocumentSource } from './run-documents.ts'
import { createWaitForRun } from './wait-for-run.ts'

let t: TestDeps
beforeEach(async () => {
  t = await createTestDeps()
})
afterEach(async () => {
  vi.useRealTimers()
  await t.close()
})

describe('waiting for a run another process executes', () => {
  it('reads the store again as soon as the bus announces the end, not at the next poll', async () => {
    const owner = await t.deps.store.createUser({ email: 'o@example.com', passwordHash: 'x', role: 'owner' })
    const runId = 'run-elsewhere'
    await t.deps.store.createRunRecord({
      id: runId,
      ownerId: owner.id,
      trigger: 'webhook',
      status: 'running',
      event: { body: null },
      startedAt: 1,
    })
    const bus = createInProcessEventBus()
    const waitFor = createWaitForRun({
      store: t.deps.store,
      live: createLiveRuns(),
      documents: createDocumentSource(t.deps.store),
      bus,
    })
    // The poll's timer never fires: only the announcement can end this wait.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const waiting = waitFor(runId, { until: 'finish', timeoutMs: 60_000 })
    await new Promise((resolve) => setImmediate(resolve))
    const outcome: RunOutcome = { status: 'succeeded', output: { ok: true }, finishedAt: 5 }
    await t.deps.store.finishRun(runId, outcome)
    bus.publish({ type: 'run.finished', runId, outcome, at: 5 })
    expect(await waiting).toEqual({ state: 'finished', outcome })
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createRunServiceFor } from '../runs/create-run-service-for.ts'
import type { RunService } from '../runs/run-service.ts'
import type { RunView } from '../runs/run-view.ts'
import { chainFlow, ownerAccess, storeFlow } from '../runs/test-kit.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { createGuardedFetch, type GuardedFetchOptions } from './create-guarded-fetch.ts'
import { type FakeServer, startFakeServer } from './start-fake-server.ts'

// What the outbound guard refuses fails the same way on every attempt: an http.request run through the real guard
// ends after one attempt with the guard's code, instead of being retried as a network blip.

let target: FakeServer
let t: TestDeps
let runs: RunService | undefined
beforeEach(async () => {
  target = await startFakeServer((_req, res) => res.end('x'.repeat(4096)))
  t = await createTestDeps()
})
afterEach(async () => {
  await runs?.close(0)
  await t.close()
  await target.close()
})

async function runRequest(guard: GuardedFetchOptions) {
  const fetch = createGuardedFetch(guard)
  runs = createRunServiceFor(t.deps, { fetch })
  const app = createApp({ ...t.deps, runs })
  const owner: AuthHeaders = await setupOwner(app)
  const flow = await storeFlow(
    t.deps,
    await ownerAccess(t.deps),
    chainFlow([
      { id: 'trigger', type: 'trigger.manual' },
      { id: 'get', type: 'http.request', config: { url: `${target.origin}/data` } },
    ]),
  )
  const started = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, { headers: owner, body: {} })
  const { runId } = started.body as { runId: string }
  await runs.waitFor(runId, { until: 'finish', timeoutMs: 15_000 })
  const run = (await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).body as RunView
  await fetch.close()
  return run.nodes.find((n) => n.nodeId === 'get')
}

describe('http.request through the outbound guard', () => {
  it('fails once with OUTBOUND_BLOCKED for a loopback address that ZHILIU_ALLOW_HOSTS does not allow', async () => {
    const node = await runRequest({ allowHosts: [] })
    expect(node).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'OUTBOUND_BLOCKED', retryable: false },
    })
    expect(node?.error?.message).toContain('blocked')
    expect(target.requests).toHaveLength(0)
  }, 20_000)

  it('fails once with RESPONSE_TOO_LARGE for an answer over the size limit', async () => {
    const node = await runRequest({ allowHosts: ['127.0.0.1'], maxResponseBytes: 1024 })
    expect(node).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'RESPONSE_TOO_LARGE', retryable: false },
    })
    expect(node?.error?.message).toContain('1024 bytes')
    expect(target.requests).toHaveLength(1)
  }, 20_000)
})

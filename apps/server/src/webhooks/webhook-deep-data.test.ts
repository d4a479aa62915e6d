import { createRegistry } from '@zhiliu/nodes'
import { afterEach, describe, expect, it } from 'vitest'
import type { ServerConfig } from '../config.ts'
import { createApp } from '../create-app.ts'
import { createTestNodes } from '../runs/test-kit.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { setupOwner } from '../test-support/sign-in.ts'
import { hookFlow, publishHook } from './hook-test-kit.ts'

let t: TestDeps | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

async function start(config: Partial<ServerConfig> = {}) {
  t = await createTestDeps({ registry: createRegistry(createTestNodes().definitions), config })
  const app = createApp(t.deps)
  await setupOwner(app)
  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  return { deps: t.deps, post }
}

describe('limits on run data through a sync webhook', () => {
  it('a 5,000-node chain of waits fails at the node nested past 100 levels: answered RUN_FAILED naming it, recorded failed', async () => {
    const { deps, post } = await start()
    // The trigger's output is 2 levels deep (`{ body: { a } }`); each wait wraps it in `{ waitedMs, value }`.
    const waits = Array.from({ length: 4999 }, (_, i) => ({
      id: `d${i}`,
      type: 'util.delay',
      config: { ms: 0 },
    }))
    const id = await publishHook(deps, hookFlow({}, waits))
    const res = await post(`/hooks/${id}`, { a: 1 })
    expect(res.status).toBe(500)
    const runId = res.headers.get('x-zhiliu-run-id') ?? ''
    expect(await res.json()).toEqual({
      error: {
        code: 'RUN_FAILED',
        message: 'The flow failed: node "d98" produced output nested deeper than 100 levels',
        details: { runId, status: 'failed', nodeId: 'd98', cause: 'OUTPUT_TOO_DEEP' },
      },
    })
    const run = await deps.store.getRun({ userId: 'x', all: true }, runId)
    expect(run).toMatchObject({ status: 'failed', error: { code: 'OUTPUT_TOO_DEEP', nodeId: 'd98' } })
    const results = await deps.store.loadNodeResults(runId)
    expect(results.find((r) => r.nodeId === 'd98')).toMatchObject({
      status: 'failed',
      error: { code: 'OUTPUT_TOO_DEEP' },
    })
    expect(results.find((r) => r.nodeId === 'd97')?.status).toBe('succeeded')
  }, 60_000)

  it('fails a node whose output passes ZHILIU_NODE_OUTPUT_LIMIT with OUTPUT_TOO_LARGE naming it', async () => {
    const { deps, post } = await start({ outputLimits: { maxNodeOutput: 2048, maxRunOutput: 1 << 20 } })
    const template = '{{ trigger.body.s }}{{ trigger.body.s }}'
    const id = await publishHook(
      deps,
      hookFlow({}, [{ id: 'twice', type: 'text.template', config: { template } }]),
    )
    const res = await post(`/hooks/${id}`, { s: 'x'.repeat(1500) })
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({
      error: { code: 'RUN_FAILED', details: { nodeId: 'twice', cause: 'OUTPUT_TOO_LARGE' } },
    })
    const run = await deps.store.getRun({ userId: 'x', all: true }, res.headers.get('x-zhiliu-run-id') ?? '')
    expect(run).toMatchObject({ status: 'failed', error: { code: 'OUTPUT_TOO_LARGE', nodeId: 'twice' } })
  })
})

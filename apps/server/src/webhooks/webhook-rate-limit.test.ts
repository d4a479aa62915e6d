import { createRegistry } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createTestNodes } from '../runs/test-kit.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { setupOwner } from '../test-support/sign-in.ts'
import { hookFlow, publishHook, runCount } from './hook-test-kit.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let kit: ReturnType<typeof createTestNodes>
beforeEach(async () => {
  kit = createTestNodes()
  t = await createTestDeps({ registry: createRegistry(kit.definitions) })
  app = createApp(t.deps)
  await setupOwner(app)
})
afterEach(() => t.close())

const call = (flowId: string, body = '{"n":1}') =>
  app.request(`/hooks/${flowId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })

describe("the webhook trigger's runs per minute", () => {
  it('answers 429 with Retry-After once the minute is used up, and starts no run for it', async () => {
    const limited = await publishHook(
      t.deps,
      hookFlow({ maxPerMinute: 2 }, [{ id: 'count', type: 'test.count' }]),
    )
    expect((await call(limited)).status).toBe(200)
    expect((await call(limited)).status).toBe(200)
    const refused = await call(limited)
    expect(refused.status).toBe(429)
    const wait = Number(refused.headers.get('retry-after'))
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(60)
    expect(await refused.json()).toMatchObject({
      error: { code: 'WEBHOOK_RATE_LIMITED', details: { retryAfterSeconds: wait } },
    })
    expect(kit.calls('count')).toBe(2)
    expect(await runCount(t.deps)).toBe(2)
  })

  it('counts each flow on its own, and does not limit a flow that sets no limit', async () => {
    const limited = await publishHook(
      t.deps,
      hookFlow({ maxPerMinute: 1 }, [{ id: 'count', type: 'test.count' }]),
    )
    const free = await publishHook(t.deps, hookFlow({}, [{ id: 'count', type: 'test.count' }]))
    expect((await call(limited)).status).toBe(200)
    expect((await call(limited)).status).toBe(429)
    for (let i = 0; i < 5; i++) expect((await call(free)).status).toBe(200)
  })

  it('does not count calls refused for their input, which start no run', async () => {
    const limited = await publishHook(
      t.deps,
      hookFlow({ maxPerMinute: 1 }, [{ id: 'count', type: 'test.count' }]),
    )
    expect((await call(limited, '{not json')).status).toBe(400)
    expect((await call(limited)).status).toBe(200)
  })
})

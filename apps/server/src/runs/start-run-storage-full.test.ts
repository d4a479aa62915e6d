import { createRegistry } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { setupOwner } from '../test-support/sign-in.ts'
import { hookFlow, publishHook, runCount } from '../webhooks/hook-test-kit.ts'
import { createTestNodes } from './test-kit.ts'

// SQLite's max_page_count: 4 KB pages, so the database holds at most ~2.8 MB. A 3.5 MB request cannot be stored,
// while the few bytes of an idempotency claim still can: the claim is written, the register after it fails.
const MAX_PAGES = 700
const TOO_LARGE = JSON.stringify({ text: 'x'.repeat(3_500_000) })

let t: TestDeps
let app: ReturnType<typeof createApp>
beforeEach(async () => {
  const kit = createTestNodes()
  t = await createTestDeps({
    registry: createRegistry(kit.definitions),
    config: { sqliteMaxPages: MAX_PAGES, bodyLimitBytes: 8_000_000 },
  })
  app = createApp(t.deps)
  await setupOwner(app)
})
afterEach(() => t.close())

const call = (flowId: string, key: string, body: string) =>
  app.request(`/hooks/${flowId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body,
  })

describe('an idempotency key whose run could not be stored', () => {
  it('is given back: the next call with the key starts a run instead of pointing at one that never existed', async () => {
    const id = await publishHook(
      t.deps,
      hookFlow({ responseMode: 'async' }, [{ id: 'count', type: 'test.count' }]),
    )
    const refused = await call(id, 'order-1', TOO_LARGE)
    expect(refused.status).toBe(503)
    expect(await refused.json()).toMatchObject({ error: { code: 'STORAGE_FULL' } })
    expect(await runCount(t.deps)).toBe(0)

    // The monitor's probe finds room again (small writes fit), and the caller sends what fits.
    await expect.poll(() => t.deps.storage.full, { timeout: 5_000 }).toBe(false)
    const retried = await call(id, 'order-1', '{"n":1}')
    // Not 422 IDEMPOTENCY_KEY_REUSED (the lost run's claim with another body) and not that lost run's id.
    expect(retried.status).toBe(202)
    const { runId } = (await retried.json()) as { runId: string }
    expect(retried.headers.get('idempotent-replayed')).toBeNull()
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5_000 })
    expect(await runCount(t.deps)).toBe(1)
  })
})

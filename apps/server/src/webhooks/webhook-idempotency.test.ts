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

const call = (flowId: string, key: string, body = '{"n":1}') =>
  app.request(`/hooks/${flowId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body,
  })

describe('Idempotency-Key', () => {
  it('starts one run for two calls that arrive at once and gives both the same answer', async () => {
    const id = await publishHook(t.deps, hookFlow({}, [{ id: 'count', type: 'test.count' }]))
    const [a, b] = await Promise.all([call(id, 'order-42'), call(id, 'order-42')])
    expect(a?.status).toBe(200)
    expect(b?.status).toBe(200)
    expect(a?.headers.get('x-zhiliu-run-id')).toBe(b?.headers.get('x-zhiliu-run-id'))
    expect(await a?.json()).toEqual(await b?.json())
    expect([a, b].filter((r) => r?.headers.get('idempotent-replayed') === 'true')).toHaveLength(1)
    expect(kit.calls('count')).toBe(1)
    expect(await runCount(t.deps)).toBe(1)
  })

  it('returns the finished run for a later retry with the same key, and a new run for another key', async () => {
    const id = await publishHook(
      t.deps,
      hookFlow({ responseMode: 'async' }, [{ id: 'count', type: 'test.count' }]),
    )
    const first = await call(id, 'k1')
    const { runId } = (await first.json()) as { runId: string }
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
    const retry = await call(id, 'k1')
    expect(retry.status).toBe(202)
    expect(((await retry.json()) as { runId: string }).runId).toBe(runId)
    const other = await call(id, 'k2')
    expect(((await other.json()) as { runId: string }).runId).not.toBe(runId)
    await t.deps.runs.waitFor(other.headers.get('x-zhiliu-run-id') ?? '', {
      until: 'finish',
      timeoutMs: 5000,
    })
    expect(kit.calls('count')).toBe(2)
  })

  it('refuses the same key with a different body or query with 422 IDEMPOTENCY_KEY_REUSED, starting no run', async () => {
    const id = await publishHook(
      t.deps,
      hookFlow({ responseMode: 'async' }, [{ id: 'count', type: 'test.count' }]),
    )
    const first = await call(id, 'order-7', '{"amount":100}')
    const { runId } = (await first.json()) as { runId: string }
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
    const otherBody = await call(id, 'order-7', '{"amount":900}')
    const otherQuery = await app.request(`/hooks/${id}?amount=900`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'order-7' },
      body: '{"amount":100}',
    })
    for (const refused of [otherBody, otherQuery]) {
      expect(refused.status).toBe(422)
      expect(await refused.json()).toMatchObject({
        error: { code: 'IDEMPOTENCY_KEY_REUSED', message: /already used for a different request/ },
      })
      expect(refused.headers.get('x-zhiliu-run-id')).toBeNull()
    }
    const retry = await call(id, 'order-7', '{"amount":100}')
    expect(retry.status).toBe(202)
    expect(((await retry.json()) as { runId: string }).runId).toBe(runId)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await runCount(t.deps)).toBe(1)
    expect(kit.calls('count')).toBe(1)
  })
})

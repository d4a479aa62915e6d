import { randomBytes } from 'node:crypto'
import type { RunOutcome } from '@zhiliu/engine'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createRunCleanup } from '../settings/run-cleanup.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'
import { DEFAULT_BUDGET_CAP, defaultBudget, ensureRunHistoryBudget } from './run-history-budget.ts'
import type { RunStorage } from './run-storage-view.ts'

const HOUR = 3600_000
const NOW = Date.UTC(2026, 10, 26)

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let ownerId: string
beforeEach(async () => {
  t = await createTestDeps({ now: () => NOW })
  app = createApp(t.deps)
  owner = await setupOwner(app)
  ownerId = ((await callApi(app, 'GET', '/api/auth/me', { headers: owner })).body as { user: { id: string } })
    .user.id
})
afterEach(() => t.close())

let seq = 0
/** A run of ~50 KB (random text: it does not compress) that started `hoursAgo` before NOW and ended as `status`. */
async function runFrom(hoursAgo: number, status: RunOutcome['status'] = 'succeeded'): Promise<string> {
  seq += 1
  const id = `run-${seq}`
  const startedAt = NOW - hoursAgo * HOUR
  const event = { body: { text: randomBytes(25_000).toString('hex') } }
  await t.deps.store.createRunRecord({ id, ownerId, trigger: 'webhook', status: 'queued', event, startedAt })
  await t.deps.store.createRun({ id, event, status: 'running', startedAt })
  await t.deps.store.finishRun(id, { status, finishedAt: startedAt + 1000 })
  return id
}

const storage = async (headers = owner) =>
  (await callApi(app, 'GET', '/api/settings/run-storage', { headers })).body as RunStorage
const setBudget = (maxBytes: unknown, headers = owner) =>
  callApi(app, 'PUT', '/api/settings/run-storage', { headers, body: { maxBytes } })
const exists = async (id: string) =>
  (await callApi(app, 'GET', `/api/runs/${id}`, { headers: owner })).status === 200

describe('the run history budget', () => {
  it('defaults to 80 % of the free disk at the first start, at most 10 GB, and keeps that value later', async () => {
    expect(defaultBudget(5_000_000_000)).toBe(4_000_000_000)
    expect(defaultBudget(100_000_000_000)).toBe(DEFAULT_BUDGET_CAP)
    expect(defaultBudget(undefined)).toBe(DEFAULT_BUDGET_CAP)
    const first = await ensureRunHistoryBudget(t.deps.store, t.dataDir, NOW)
    expect(first.maxBytes).toBeGreaterThan(0)
    expect(first.maxBytes).toBeLessThanOrEqual(DEFAULT_BUDGET_CAP)
    expect((await storage()).maxBytes).toBe(first.maxBytes)
    await setBudget(50_000_000)
    // A later start keeps what is stored, the owner's choice included.
    expect(await ensureRunHistoryBudget(t.deps.store, t.dataDir, NOW)).toEqual({ maxBytes: 50_000_000 })
  })

  it('shows everyone the size, runs per day and the size projected over the retention period at that rate', async () => {
    for (const hoursAgo of [1, 2, 3, 30, 50]) await runFrom(hoursAgo)
    await callApi(app, 'PUT', '/api/settings/run-retention', { headers: owner, body: { days: 10 } })
    const viewer = await createUserWithRole(app, owner, 'viewer')
    const seen = await storage(viewer.cookie)
    expect(seen).toMatchObject({ runs: 5, runsPerDay: 3, projectedDays: 10, full: false })
    expect(seen.bytes).toBeGreaterThan(5 * 50_000)
    // Three runs a day for ten days, each the average stored run.
    expect(seen.projectedBytes).toBe(Math.round((seen.bytes / 5) * 3 * 10))
  })

  it('lets only the owner set it, to 0 (no limit) or at least 1 MB', async () => {
    const editor = await createUserWithRole(app, owner, 'editor')
    expect((await setBudget(10_000_000, editor.bearer)).status).toBe(403)
    for (const bad of [-1, 999_999, 1.5, '10']) expect((await setBudget(bad)).status, String(bad)).toBe(400)
    const none = await setBudget(0)
    expect(none.status).toBe(200)
    expect(none.body).toMatchObject({ maxBytes: 0 })
  })

  it('past the budget deletes the oldest ended runs down to 90 % of it, and never a waiting one', async () => {
    const waiting = await runFrom(100, 'waiting')
    const ids: string[] = []
    for (let i = 0; i < 40; i++) ids.push(await runFrom(90 - i))
    const before = await storage()
    const maxBytes = Math.round(before.bytes * 0.7)
    expect((await setBudget(maxBytes)).status).toBe(200)
    const clean = createRunCleanup({
      store: t.deps.store,
      logger: t.deps.logger,
      now: () => NOW,
      storage: t.deps.storage,
    })
    const deleted = await clean()
    const after = await storage()
    expect(after.bytes).toBeLessThanOrEqual(maxBytes * 0.9)
    expect(deleted).toBeGreaterThan(0)
    // The oldest went, the newest stayed, and so did the older run still waiting for an approval.
    for (const id of ids.slice(0, deleted)) expect(await exists(id), id).toBe(false)
    for (const id of ids.slice(deleted)) expect(await exists(id), id).toBe(true)
    expect(await exists(waiting)).toBe(true)
    expect(t.deps.storage.history).toMatchObject({ maxBytes, bytes: after.bytes })
    // Under the budget, a second pass deletes nothing.
    expect(await clean()).toBe(0)
  })
})

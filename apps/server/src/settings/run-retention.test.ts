import type { RunOutcome } from '@zhiliu/engine'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'
import { createRunCleanup } from './run-cleanup.ts'

const DAY = 24 * 3600_000
const NOW = Date.UTC(2026, 10, 26)

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let ownerId: string
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
  ownerId = ((await callApi(app, 'GET', '/api/auth/me', { headers: owner })).body as { user: { id: string } })
    .user.id
})
afterEach(() => t.close())

const setDays = (days: unknown, headers = owner) =>
  callApi(app, 'PUT', '/api/settings/run-retention', { headers, body: { days } })

let seq = 0
/** A run that started `daysAgo` days before NOW and ended with `status` (or is still waiting for an approval). */
async function runFrom(daysAgo: number, status: RunOutcome['status']): Promise<string> {
  seq += 1
  const id = `run-${seq}`
  const startedAt = NOW - daysAgo * DAY
  await t.deps.store.createRunRecord({
    id,
    ownerId,
    trigger: 'webhook',
    status: 'queued',
    event: { body: { seq } },
    startedAt,
  })
  await t.deps.store.createRun({ id, event: { body: { seq } }, status: 'running', startedAt })
  await t.deps.store.finishRun(id, { status, finishedAt: startedAt + 1000 })
  return id
}

const visible = async (id: string) =>
  (await callApi(app, 'GET', `/api/runs/${id}`, { headers: owner })).status === 200

const cleanup = (batch = 200) =>
  createRunCleanup({ store: t.deps.store, logger: t.deps.logger, now: () => NOW }, batch)

describe('run retention', () => {
  it('keeps 30 days unless the owner sets another period, which everyone can read', async () => {
    const viewer = await createUserWithRole(app, owner, 'viewer')
    const read = async () =>
      (await callApi(app, 'GET', '/api/settings/run-retention', { headers: viewer.cookie })).body
    expect(await read()).toEqual({ days: 30 })
    const set = await setDays(7)
    expect(set.status).toBe(200)
    expect(set.body).toEqual({ days: 7 })
    expect(await read()).toEqual({ days: 7 })
  })

  it('lets only the owner change it, and refuses a period that is not a whole number of days from 0 to 3650', async () => {
    for (const role of ['editor', 'viewer'] as const) {
      const user = await createUserWithRole(app, owner, role)
      expect((await setDays(1, user.bearer)).status).toBe(403)
    }
    for (const days of [-1, 1.5, 3651, '30', null]) {
      const res = await setDays(days)
      expect(res.status, String(days)).toBe(400)
      expect(res.body).toMatchObject({
        error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['days'] }] } },
      })
    }
    expect(await t.deps.store.getSetting('run-retention')).toBeUndefined()
  })

  it('deletes ended runs older than the period with their node results, and keeps waiting and recent ones', async () => {
    await setDays(7)
    const old = [await runFrom(8, 'succeeded'), await runFrom(30, 'failed'), await runFrom(9, 'cancelled')]
    const kept = [await runFrom(6, 'succeeded'), await runFrom(40, 'waiting')]
    await t.deps.store.recordNode(old[0] as string, {
      key: 'n',
      nodeId: 'n',
      status: 'succeeded',
      ports: ['out'],
      input: {},
      output: 1,
      attempts: 1,
      startedAt: 0,
      finishedAt: 0,
    })

    expect(await cleanup()()).toBe(3)
    for (const id of old) expect(await visible(id), id).toBe(false)
    expect(await t.deps.store.loadNodeResults(old[0] as string)).toEqual([])
    for (const id of kept) expect(await visible(id), id).toBe(true)
    expect(t.logs).toContainEqual(
      expect.objectContaining({ msg: 'deleted runs older than the retention period', runs: 3, days: 7 }),
    )
  })

  it('goes through a long history in batches until nothing old is left', async () => {
    const old: string[] = []
    for (let i = 0; i < 7; i++) old.push(await runFrom(31 + i, 'succeeded'))
    expect(await cleanup(3)()).toBe(7)
    for (const id of old) expect(await visible(id)).toBe(false)
  })

  it('deletes nothing when the owner chose to keep every run', async () => {
    await setDays(0)
    const ancient = await runFrom(3000, 'succeeded')
    expect(await cleanup()()).toBe(0)
    expect(await visible(ancient)).toBe(true)
  })
})

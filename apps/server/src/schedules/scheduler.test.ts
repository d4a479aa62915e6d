import type { Access } from '@zhiliu/db'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRedisSignals } from '../cluster/cluster-signals.ts'
import type { StartRequest } from '../runs/run-service.ts'
import { chainFlow } from '../runs/test-kit.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { createTestRedis } from '../test-support/test-redis.ts'
import { createManualClock } from './manual-clock.ts'
import { refreshSchedulesOn } from './refresh-on-publish.ts'
import { createScheduler } from './scheduler.ts'

const T0 = Date.parse('2030-01-01T00:00:30Z')
let t: TestDeps
let access: Access
let clock: ReturnType<typeof createManualClock>
let started: StartRequest[]
beforeEach(async () => {
  t = await createTestDeps()
  const owner = await t.deps.store.createUser({ email: 'o@example.com', passwordHash: 'x', role: 'owner' })
  access = { userId: owner.id, all: true }
  clock = createManualClock(T0)
  started = []
})
afterEach(() => t.close())

const scheduler = () =>
  createScheduler({
    ...t.deps,
    clock,
    runs: {
      async start(request) {
        started.push(request)
        return { runId: request.runId ?? '', existing: false }
      },
    },
  })

async function publishSchedule(missed: 'skip' | 'runOnce' = 'skip', cron = '*/5 * * * *') {
  const document = chainFlow([
    { id: 'tick', type: 'trigger.schedule', config: { cron, timezone: 'UTC', missed } },
    { id: 'say', type: 'text.template', config: { template: '{{ trigger.firedAt }}' } },
  ])
  const flow = await t.deps.store.createFlow(access, { document })
  await t.deps.store.publishFlow(access, flow.id)
  return flow.id
}

const firedAt = () => started.map((s) => s.event.firedAt)

describe('schedules', () => {
  it('starts a run of the published version at each planned time, with that time as firedAt', async () => {
    const flowId = await publishSchedule()
    const s = scheduler()
    await s.start()
    await clock.advance(10 * 60_000)
    expect(firedAt()).toEqual(['2030-01-01T00:05:00.000Z', '2030-01-01T00:10:00.000Z'])
    expect(started[0]).toMatchObject({ flowId, flowVersion: 1, trigger: 'schedule', ownerId: access.userId })
    s.stop()
  })

  it('fires each slot once when two processes schedule the same flow', async () => {
    await publishSchedule()
    const a = scheduler()
    const b = scheduler()
    await Promise.all([a.start(), b.start()])
    await clock.advance(10 * 60_000)
    expect(firedAt()).toEqual(['2030-01-01T00:05:00.000Z', '2030-01-01T00:10:00.000Z'])
    a.stop()
    b.stop()
  })

  it("with missed: 'runOnce', fires one catch-up for the latest slot missed while down, and only once", async () => {
    await publishSchedule('runOnce')
    const before = scheduler()
    await before.start()
    await clock.advance(5 * 60_000)
    before.stop()
    clock.set(T0 + 17 * 60_000) // down through 00:10 and 00:15
    const after = scheduler()
    await after.start()
    // 00:00 passed before the first start too (the flow was published earlier): also caught up, once.
    expect(firedAt()).toEqual([
      '2030-01-01T00:00:00.000Z',
      '2030-01-01T00:05:00.000Z',
      '2030-01-01T00:15:00.000Z',
    ])
    after.stop()
    const again = scheduler()
    await again.start()
    expect(started).toHaveLength(3)
    again.stop()
  })

  it("with missed: 'skip', fires nothing for slots missed while down", async () => {
    await publishSchedule('skip')
    clock.set(T0 + 17 * 60_000)
    const s = scheduler()
    await s.start()
    expect(started).toEqual([])
    await clock.advance(5 * 60_000)
    expect(firedAt()).toEqual(['2030-01-01T00:20:00.000Z'])
    s.stop()
  })

  it('follows publish, unpublish and delete made through the store the API uses', async () => {
    const s = scheduler()
    await s.start()
    const store = refreshSchedulesOn(t.deps.store, s)
    const document = chainFlow([
      { id: 'tick', type: 'trigger.schedule', config: { cron: '* * * * *', timezone: 'UTC' } },
    ])
    const flow = await store.createFlow(access, { document })
    await store.publishFlow(access, flow.id)
    await clock.advance(60_000)
    expect(started).toHaveLength(1)
    await store.setPublishedVersion(access, flow.id, null)
    await clock.advance(5 * 60_000)
    expect(started).toHaveLength(1)
    await store.setPublishedVersion(access, flow.id, 1)
    await clock.advance(60_000)
    expect(started).toHaveLength(2)
    await store.deleteFlow(access, flow.id)
    await clock.advance(5 * 60_000)
    expect(started).toHaveLength(2)
    s.stop()
  })

  it('re-arms, with REDIS_URL, the schedules of every process when one of them publishes', async () => {
    const fail = (err: unknown) => {
      throw err
    }
    const onA = createRedisSignals(await redis.link(), 'process-a', fail)
    const onB = createRedisSignals(await redis.link(), 'process-b', fail)
    const a = scheduler()
    const b = scheduler()
    await Promise.all([a.start(), b.start()])
    const storeOfA = refreshSchedulesOn(t.deps.store, a, onA)
    refreshSchedulesOn(t.deps.store, b, onB)
    const told = new Promise<string>((resolve) => onB.on('flow.published', resolve))
    const document = chainFlow([
      { id: 'tick', type: 'trigger.schedule', config: { cron: '* * * * *', timezone: 'UTC' } },
    ])
    const flow = await storeOfA.createFlow(access, { document })
    await storeOfA.publishFlow(access, flow.id)
    expect(await told).toBe(flow.id)
    // A is gone; only B, told over Redis, can fire the next slot.
    a.stop()
    await clock.advance(60_000)
    expect(started).toHaveLength(1)
    b.stop()
  })
})

const redis = createTestRedis()
afterAll(() => redis.cleanup())

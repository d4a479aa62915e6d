import { afterAll, describe, expect, it } from 'vitest'
import { createTestRedis } from '../test-support/test-redis.ts'
import { createRedisReplayGuard } from './redis-replay-guard.ts'

const redis = createTestRedis()
afterAll(() => redis.cleanup())

describe('createRedisReplayGuard', () => {
  it('reports a delivery id seen by another process, and lets exactly one of two racing processes record it', async () => {
    const a = createRedisReplayGuard(await redis.link())
    const b = createRedisReplayGuard(await redis.link())
    expect(await a.seen('flow-1:msg_1', 0)).toBe(false)
    expect(await b.seen('flow-1:msg_1', 0)).toBe(true)
    expect(await b.seen('flow-1:msg_2', 0)).toBe(false)
    const race = await Promise.all([a.seen('flow-1:msg_3', 0), b.seen('flow-1:msg_3', 0)])
    expect(race.sort()).toEqual([false, true])
  })

  it('forgets an id once its window has passed', async () => {
    const guard = createRedisReplayGuard(await redis.link(), { windowMs: 50 })
    expect(await guard.seen('msg_1', 0)).toBe(false)
    await new Promise((r) => setTimeout(r, 120))
    expect(await guard.seen('msg_1', 0)).toBe(false)
  })
})

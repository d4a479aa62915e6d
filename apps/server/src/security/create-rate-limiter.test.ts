import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import type { RedisLink } from '../cluster/open-redis.ts'
import { createTestRedis } from '../test-support/test-redis.ts'
import { createRateLimiter } from './create-rate-limiter.ts'

const redis = createTestRedis()
afterAll(() => redis.cleanup())

const options = { keyPrefix: 'hook-3', points: 3, duration: 60 }
const consumed = (limiter: ReturnType<typeof createRateLimiter>, key: string) =>
  limiter.consume(key).then(
    () => 'ok',
    () => 'limited',
  )

describe('createRateLimiter', () => {
  it('with Redis, counts the calls of every process against one limit', async () => {
    const a = createRateLimiter(await redis.link(), options)
    const b = createRateLimiter(await redis.link(), options)
    const answers = [
      await consumed(a, 'flow-1'),
      await consumed(b, 'flow-1'),
      await consumed(a, 'flow-1'),
      await consumed(b, 'flow-1'),
    ]
    expect(answers).toEqual(['ok', 'ok', 'ok', 'limited'])
    expect(await consumed(a, 'flow-2')).toBe('ok')
  })

  it('without Redis, counts in each process alone', async () => {
    const a = createRateLimiter(undefined, options)
    const b = createRateLimiter(undefined, options)
    for (let i = 0; i < 3; i++) await consumed(a, 'flow-1')
    expect(await consumed(a, 'flow-1')).toBe('limited')
    expect(await consumed(b, 'flow-1')).toBe('ok')
  })

  it('with Redis unreachable, counts in this process rather than failing every call', async () => {
    const client = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false })
    client.on('error', () => {})
    const unreachable = { client, key: (name: string) => `down:${name}` } as RedisLink
    const limiter = createRateLimiter(unreachable, options)
    const answers = []
    for (let i = 0; i < 4; i++) answers.push(await consumed(limiter, 'flow-1'))
    expect(answers).toEqual(['ok', 'ok', 'ok', 'limited'])
    client.disconnect()
  })
})

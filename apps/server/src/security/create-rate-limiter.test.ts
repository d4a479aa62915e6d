import { afterAll, describe, expect, it } from 'vitest'
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
})

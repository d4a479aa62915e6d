import { describe, expect, it } from 'vitest'
import { openRedis } from './open-redis.ts'

describe('openRedis', () => {
  it('refuses to start without a reachable Redis, saying why', async () => {
    const errors: Error[] = []
    await expect(openRedis('redis://127.0.0.1:1', 'zhiliu', (err) => errors.push(err))).rejects.toThrow(
      /could not connect to REDIS_URL: connect ECONNREFUSED/,
    )
    expect(errors.length).toBeGreaterThan(0)
  })
})

import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { openRedis, type RedisLink } from '../cluster/open-redis.ts'

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/**
 * Links to the local Redis under one fresh key prefix, as several server processes on one Redis would hold them;
 * `cleanup` closes them and deletes every key under the prefix.
 */
export function createTestRedis() {
  const prefix = `zhiliu-test-${randomUUID().slice(0, 8)}`
  const links: RedisLink[] = []
  return {
    prefix,
    async link(): Promise<RedisLink> {
      const link = await openRedis(TEST_REDIS_URL, prefix)
      links.push(link)
      return link
    },
    async cleanup(): Promise<void> {
      await Promise.all(links.map((l) => l.close()))
      const client = new Redis(TEST_REDIS_URL)
      try {
        const keys = await client.keys(`${prefix}:*`)
        if (keys.length > 0) await client.del(...keys)
      } finally {
        await client.quit()
      }
    },
  }
}

import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible'
import type { RedisLink } from '../cluster/open-redis.ts'

export type RateLimiter = RateLimiterMemory | RateLimiterRedis

/**
 * A fixed-window counter (rate-limiter-flexible): in this process's memory, or in Redis when the server has
 * REDIS_URL, so every process counts against the same limit.
 */
export function createRateLimiter(
  redis: RedisLink | undefined,
  options: { keyPrefix: string; points: number; duration: number },
): RateLimiter {
  if (!redis) return new RateLimiterMemory(options)
  return new RateLimiterRedis({
    ...options,
    storeClient: redis.client,
    keyPrefix: redis.key(`limit:${options.keyPrefix}`),
    // While Redis is down (reconnecting), each process counts alone rather than refusing every call with a 500.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(options),
  })
}

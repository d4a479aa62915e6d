import { RateLimiterRes } from 'rate-limiter-flexible'
import type { RedisLink } from '../cluster/open-redis.ts'
import { ApiError } from '../http/api-error.ts'
import { createRateLimiter, type RateLimiter } from '../security/create-rate-limiter.ts'

/**
 * The webhook trigger's "runs per minute at most", per flow, counted in this process's memory, or in Redis for all
 * processes when there is one (a minute's window from the first call in it). One limiter per distinct limit, keyed by flow id; a change of the limit in a newly
 * published version takes effect with the next call.
 */
export function createHookRateLimits(redis?: RedisLink) {
  const limiters = new Map<number, RateLimiter>()
  const limiterFor = (perMinute: number) => {
    let limiter = limiters.get(perMinute)
    if (!limiter) {
      limiter = createRateLimiter(redis, { keyPrefix: `hook-${perMinute}`, points: perMinute, duration: 60 })
      limiters.set(perMinute, limiter)
    }
    return limiter
  }

  return {
    /** Counts one call of `flowId`; throws 429 `WEBHOOK_RATE_LIMITED` once the minute's calls are used up. */
    async take(flowId: string, perMinute: number): Promise<void> {
      if (perMinute === 0) return
      try {
        await limiterFor(perMinute).consume(flowId)
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err
        throw ApiError.tooMany(
          'WEBHOOK_RATE_LIMITED',
          `This flow takes at most ${perMinute} calls per minute; try again after Retry-After seconds`,
          err.msBeforeNext,
        )
      }
    },
  }
}

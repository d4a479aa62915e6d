import { createHash, timingSafeEqual } from 'node:crypto'
import { RateLimiterRes } from 'rate-limiter-flexible'
import type { RedisLink } from '../cluster/open-redis.ts'
import { ApiError } from '../http/api-error.ts'
import { createRateLimiter, type RateLimiter } from '../security/create-rate-limiter.ts'

/**
 * A chat app's questions per visitor per minute, keyed by app and the connection's address (not X-Forwarded-For,
 * which a caller writes at will; behind a reverse proxy every visitor shares the proxy's address). Counted in Redis
 * when the server has REDIS_URL, so all processes share the limit; without Redis each process counts in its own
 * memory — a single-process server, the default, is then exact.
 */
export function createChatLimits(redis?: RedisLink) {
  const limiters = new Map<number, RateLimiter>()
  const limiterFor = (perMinute: number) => {
    let limiter = limiters.get(perMinute)
    if (!limiter) {
      limiter = createRateLimiter(redis, { keyPrefix: `chat-${perMinute}`, points: perMinute, duration: 60 })
      limiters.set(perMinute, limiter)
    }
    return limiter
  }
  return {
    async take(flowId: string, visitor: string, perMinute: number): Promise<void> {
      if (perMinute === 0) return
      try {
        await limiterFor(perMinute).consume(`${flowId}:${visitor}`)
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err
        throw ApiError.tooMany(
          'CHAT_RATE_LIMITED',
          `This chat takes at most ${perMinute} questions a minute from one visitor; try again after Retry-After seconds`,
          err.msBeforeNext,
        )
      }
    },
  }
}

/** Compares in constant time; the hashes make the lengths equal. */
export function checkAccessCode(expected: string, given: string | undefined): void {
  if (expected === '') return
  const digest = (s: string) => createHash('sha256').update(s).digest()
  if (given === undefined || !timingSafeEqual(digest(expected), digest(given))) {
    throw new ApiError(
      401,
      'CHAT_ACCESS_CODE',
      'This chat needs its access code (`accessCode`), and it was missing or wrong',
    )
  }
}

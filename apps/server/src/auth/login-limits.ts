import { RateLimiterRes } from 'rate-limiter-flexible'
import type { RedisLink } from '../cluster/open-redis.ts'
import { ApiError } from '../http/api-error.ts'
import { createRateLimiter } from '../security/create-rate-limiter.ts'

const WINDOW_SECONDS = 15 * 60
// One account: enough for a person who mistypes, far too few to guess a password.
const FAILURES_PER_EMAIL = 10
// One address: a classroom behind one NAT signs in from one address, so this is generous.
const FAILURES_PER_ADDRESS = 100

export interface LoginLimits {
  /** Throws 429 `TOO_MANY_ATTEMPTS` while this account or this address has failed too often. */
  check(email: string, address: string): Promise<void>
  failed(email: string, address: string): Promise<void>
  /** A correct password clears the account's count (not the address's: one guesser may own an account). */
  succeeded(email: string): Promise<void>
}

/**
 * Counts failed sign-ins per account and per client address, in this process's memory, or in Redis for all
 * processes when the server has REDIS_URL. Checked before the password is
 * verified, so a locked account costs no scrypt time.
 */
export function createLoginLimits(redis?: RedisLink): LoginLimits {
  const byEmail = createRateLimiter(redis, {
    keyPrefix: 'login-email',
    points: FAILURES_PER_EMAIL,
    duration: WINDOW_SECONDS,
  })
  const byAddress = createRateLimiter(redis, {
    keyPrefix: 'login-address',
    points: FAILURES_PER_ADDRESS,
    duration: WINDOW_SECONDS,
  })
  const account = (email: string) => email.toLowerCase()
  return {
    async check(email, address) {
      const [mail, from] = await Promise.all([byEmail.get(account(email)), byAddress.get(address)])
      const blocked = [mail, from].filter((r): r is RateLimiterRes => r !== null && r.remainingPoints <= 0)
      if (blocked.length === 0) return
      const waitMs = Math.max(...blocked.map((r) => r.msBeforeNext))
      throw ApiError.tooMany(
        'TOO_MANY_ATTEMPTS',
        `Too many failed sign-ins; try again in ${Math.ceil(waitMs / 60_000)} minute(s)`,
        waitMs,
      )
    },
    async failed(email, address) {
      // Past the limit consume() rejects with the count; the next check() reports it.
      const ignoreLimit = (err: unknown) => {
        if (!(err instanceof RateLimiterRes)) throw err
      }
      await Promise.all([
        byEmail.consume(account(email)).catch(ignoreLimit),
        byAddress.consume(address).catch(ignoreLimit),
      ])
    },
    async succeeded(email) {
      await byEmail.delete(account(email))
    },
  }
}

import type { RedisLink } from '../cluster/open-redis.ts'
import { REPLAY_WINDOW_MS, type ReplayGuard } from './replay-guard.ts'

/**
 * The replay guard every process shares: one `SET NX PX` per id, so of two processes receiving the same delivery at
 * once exactly one records it first. Redis expires the ids, so nothing needs trimming; its clock, not `now`, times
 * the window.
 */
export function createRedisReplayGuard(redis: RedisLink, options: { windowMs?: number } = {}): ReplayGuard {
  const windowMs = options.windowMs ?? REPLAY_WINDOW_MS
  return {
    async seen(id) {
      const recorded = await redis.client.set(redis.key(`replay:${id}`), '1', 'PX', windowMs, 'NX')
      return recorded === null
    },
  }
}

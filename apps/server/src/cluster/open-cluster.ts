import { randomUUID } from 'node:crypto'
import type { RunEventBus } from '@zhiliu/engine'
import type { Logger } from 'pino'
import { type ClusterSignals, createRedisSignals } from './cluster-signals.ts'
import type { RedisLink } from './open-redis.ts'
import { createRedisEventBus } from './redis-event-bus.ts'

/**
 * What several server processes on one database share through Redis (`REDIS_URL`): run events, signals (cancel,
 * publications, prices, webhook secrets), and the Redis connection the rate limits, replay guard and sign-in
 * throttling keep their counts in. Without REDIS_URL there is none and every part stays in-process.
 */
export interface Cluster {
  readonly redis: RedisLink
  readonly bus: RunEventBus
  readonly signals: ClusterSignals
  close(): Promise<void>
}

export async function openCluster(options: {
  url: string
  prefix: string
  logger: Logger
}): Promise<Cluster> {
  // Loaded only here, so that a server without REDIS_URL never loads ioredis (startup time and idle memory).
  const { openRedis } = await import('./open-redis.ts')
  const redis = await openRedis(options.url, options.prefix, (err) =>
    options.logger.warn({ err: err.message }, 'Redis connection error; reconnecting'),
  )
  // Tells this process's own messages apart from the others'.
  const origin = randomUUID()
  const onError = (err: unknown) => options.logger.warn({ err }, 'could not publish to Redis')
  return {
    redis,
    bus: createRedisEventBus(redis, origin, onError),
    signals: createRedisSignals(redis, origin, onError),
    close: () => redis.close(),
  }
}

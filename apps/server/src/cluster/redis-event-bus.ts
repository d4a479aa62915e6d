import { createInProcessEventBus, type RunEvent, type RunEventBus } from '@zhiliu/engine'
import type { RedisLink } from './open-redis.ts'

/**
 * Run events shared by every process: an event is delivered here at once (so a run's own process keeps its
 * synchronous replay-then-subscribe) and published on the `run-events` channel, where the other processes deliver it
 * to their subscribers. One channel for all runs: each process subscribes once, at start, so a subscription never
 * waits for Redis and cannot miss what is published while the store is read (see subscribe-run.ts). Redis keeps the
 * order of one publisher's messages, which is the order of one run's events.
 */
export function createRedisEventBus(
  link: RedisLink,
  origin: string,
  onError: (err: unknown) => void,
): RunEventBus {
  const local = createInProcessEventBus()
  link.onMessage('run-events', (message) => {
    const { from, event } = JSON.parse(message) as { from: string; event: RunEvent }
    if (from !== origin) local.publish(event)
  })
  return {
    publish(event) {
      local.publish(event)
      link.publish('run-events', JSON.stringify({ from: origin, event })).catch(onError)
    },
    subscribe: local.subscribe,
  }
}

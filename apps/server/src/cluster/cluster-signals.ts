import type { RedisLink } from './open-redis.ts'

/**
 * What one process tells the others: a run to cancel (by id), a flow whose publication changed (by id: re-arm its
 * schedules), the price table changed, a flow's webhook secret rotated (by flow id: drop it from the cache).
 */
export type SignalTopic = 'run.cancel' | 'flow.published' | 'prices.changed' | 'webhook-secret.rotated'

export interface ClusterSignals {
  /** Tells every other process; the sender has acted on it already. */
  send(topic: SignalTopic, value: string): void
  on(topic: SignalTopic, handler: (value: string) => void): void
}

/** One process (no REDIS_URL): there is no one to tell. */
export const NO_PEERS: ClusterSignals = { send() {}, on() {} }

/** Signals over the Redis `signals` channel; a process ignores its own. */
export function createRedisSignals(
  link: RedisLink,
  origin: string,
  onError: (err: unknown) => void,
): ClusterSignals {
  const handlers = new Map<SignalTopic, Array<(value: string) => void>>()
  link.onMessage('signals', (message) => {
    const signal = JSON.parse(message) as { from: string; topic: SignalTopic; value: string }
    if (signal.from === origin) return
    for (const handler of handlers.get(signal.topic) ?? []) handler(signal.value)
  })
  return {
    send(topic, value) {
      link.publish('signals', JSON.stringify({ from: origin, topic, value })).catch(onError)
    },
    on(topic, handler) {
      handlers.set(topic, [...(handlers.get(topic) ?? []), handler])
    },
  }
}

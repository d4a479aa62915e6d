import { Redis } from 'ioredis'

/** The pub/sub channels every process subscribes to at start (see open-cluster.ts). */
export type RedisChannel = 'run-events' | 'signals'
const CHANNELS: readonly RedisChannel[] = ['run-events', 'signals']

export interface RedisLink {
  /** For commands: rate limits, replay ids, publishes. */
  readonly client: Redis
  /** `<ZHILIU_REDIS_PREFIX>:<name>`: every key and channel this server uses. */
  key(name: string): string
  publish(channel: RedisChannel, message: string): Promise<void>
  /** Handlers for one channel; the subscription itself was made before `openRedis` resolved. */
  onMessage(channel: RedisChannel, handler: (message: string) => void): void
  close(): Promise<void>
}

/**
 * The one place that connects to Redis: a command connection and a subscriber connection (a subscribed connection
 * can do nothing else). Both channels are subscribed before this resolves, so a caller that subscribes to a run and
 * then reads the store cannot miss an event published in between.
 */
export async function openRedis(
  url: string,
  prefix: string,
  onError: (err: Error) => void = () => {},
): Promise<RedisLink> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 2 }
  const client = new Redis(url, options)
  const subscriber = new Redis(url, options)
  // ioredis reconnects by itself (and re-subscribes); each failed attempt is an `error` event, reported here.
  let lastError: Error | undefined
  for (const connection of [client, subscriber]) {
    connection.on('error', (err: Error) => {
      lastError = err
      onError(err)
    })
  }
  const key = (name: string) => `${prefix}:${name}`
  const handlers = new Map<string, Array<(message: string) => void>>()
  try {
    await Promise.all([client.connect(), subscriber.connect()])
    await subscriber.subscribe(...CHANNELS.map(key))
  } catch (error) {
    client.disconnect()
    subscriber.disconnect()
    // "Connection is closed" says less than the socket error that closed it.
    const reason = lastError ?? error
    throw new Error(
      `could not connect to REDIS_URL: ${reason instanceof Error ? reason.message : String(reason)}`,
    )
  }
  subscriber.on('message', (channel: string, message: string) => {
    for (const handler of handlers.get(channel) ?? []) {
      try {
        handler(message)
      } catch {
        // A malformed message or a broken handler must not stop the others.
      }
    }
  })
  return {
    client,
    key,
    async publish(channel, message) {
      await client.publish(key(channel), message)
    },
    onMessage(channel, handler) {
      const list = handlers.get(key(channel)) ?? []
      list.push(handler)
      handlers.set(key(channel), list)
    },
    async close() {
      await Promise.allSettled([subscriber.quit(), client.quit()])
    },
  }
}

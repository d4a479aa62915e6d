import type { RunEvent } from '@zhiliu/engine'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestRedis } from '../test-support/test-redis.ts'
import { createRedisSignals, type SignalTopic } from './cluster-signals.ts'
import { createRedisEventBus } from './redis-event-bus.ts'

const redis = createTestRedis()
afterAll(() => redis.cleanup())

const fail = (err: unknown) => {
  throw err
}

/** Resolves once `count` items arrived in `into`, or rejects after a few seconds. */
async function arrived<T>(into: T[], count: number): Promise<T[]> {
  for (let i = 0; i < 200 && into.length < count; i++) await new Promise((r) => setTimeout(r, 10))
  return into
}

describe('createRedisEventBus', () => {
  it("delivers a run's events, in order, to a subscriber on another bus, and each only once", async () => {
    const a = createRedisEventBus(await redis.link(), 'process-a', fail)
    const b = createRedisEventBus(await redis.link(), 'process-b', fail)
    const onA: RunEvent[] = []
    const onB: RunEvent[] = []
    a.subscribe('r1', (e) => onA.push(e))
    b.subscribe('r1', (e) => onB.push(e))
    b.subscribe('other', () => onB.push({ type: 'run.started', runId: 'wrong', at: 0 }))
    const events: RunEvent[] = [
      { type: 'run.started', runId: 'r1', at: 1 },
      ...Array.from(
        { length: 50 },
        (_, i): RunEvent => ({
          type: 'node.chunk',
          runId: 'r1',
          key: 'ai',
          nodeId: 'ai',
          chunk: { channel: 'text', text: String(i) },
          at: 2 + i,
        }),
      ),
      { type: 'run.finished', runId: 'r1', outcome: { status: 'succeeded', finishedAt: 99 }, at: 99 },
    ]
    for (const event of events) a.publish(event)
    // The publisher's own subscribers get every event at once, not back from Redis.
    expect(onA).toEqual(events)
    expect(await arrived(onB, events.length)).toEqual(events)
    await new Promise((r) => setTimeout(r, 50))
    expect(onA).toHaveLength(events.length)
    expect(onB).toHaveLength(events.length)
  })
})

describe('createRedisSignals', () => {
  it('tells every other process, not the sender', async () => {
    const a = createRedisSignals(await redis.link(), 'process-a', fail)
    const b = createRedisSignals(await redis.link(), 'process-b', fail)
    const c = createRedisSignals(await redis.link(), 'process-c', fail)
    const heard: string[] = []
    const listen = (name: string, signals: typeof a, topic: SignalTopic) =>
      signals.on(topic, (value) => heard.push(`${name} ${topic} ${value}`))
    listen('a', a, 'run.cancel')
    listen('b', b, 'run.cancel')
    listen('c', c, 'run.cancel')
    listen('c', c, 'prices.changed')
    a.send('run.cancel', 'r7')
    expect((await arrived(heard, 2)).sort()).toEqual(['b run.cancel r7', 'c run.cancel r7'])
    await new Promise((r) => setTimeout(r, 50))
    expect(heard).toHaveLength(2)
  })
})

import { randomBytes } from 'node:crypto'
import type { RunQueue } from '@zhiliu/engine'
import { type RunJob, RunJobDeferred } from '@zhiliu/engine'
import { Redis } from 'ioredis'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createBullmqQueue } from './create-bullmq-queue.ts'

// The local Redis; each run of this file uses keys of its own, deleted at the end.
const REDIS_URL = process.env.ZHILIU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const prefix = `zhiliu-test-${randomBytes(4).toString('hex')}`
const opened: RunQueue[] = []
const errors: Error[] = []

function open(execute = true, concurrency = 2): RunQueue {
  const queue = createBullmqQueue({
    redisUrl: REDIS_URL,
    prefix,
    leaseMs: 2_000,
    stalledIntervalMs: 1_000,
    maxStalledCount: 5,
    concurrency,
    execute,
    onError: (err) => errors.push(err),
  })
  opened.push(queue)
  return queue
}

const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((q) => q.close(0)))
  const redis = new Redis(REDIS_URL)
  const keys = await redis.keys(`${prefix}:*`)
  if (keys.length > 0) await redis.del(...keys)
  redis.disconnect()
})
afterAll(async () => {
  expect(errors).toEqual([])
  const redis = new Redis(REDIS_URL)
  expect(await redis.keys(`${prefix}:*`)).toEqual([])
  redis.disconnect()
})

describe('the BullMQ run queue', () => {
  it('holds jobs an api process enqueues until a worker process takes them, at most `concurrency` at once', async () => {
    const api = open(false)
    const seen: RunJob[] = []
    api.consume(async (job) => {
      seen.push(job)
    })
    for (const runId of ['a', 'b', 'c']) await api.enqueue({ runId, resume: true })
    await new Promise((r) => setTimeout(r, 200))
    expect(seen).toEqual([])
    expect(await api.counts()).toEqual({ waiting: 3, running: 0 })

    const worker = open(true, 2)
    let active = 0
    let most = 0
    const releases: Array<() => void> = []
    worker.consume(async (job) => {
      seen.push(job)
      most = Math.max(most, ++active)
      await new Promise<void>((resolve) => releases.push(resolve))
      active -= 1
    })
    await until(() => releases.length === 2)
    expect(await api.counts()).toEqual({ waiting: 1, running: 2 })
    expect(worker.size()).toBe(2)
    for (const release of releases.splice(0)) release()
    await until(() => releases.length === 1)
    releases[0]?.()
    await until(async () => (await api.counts()).running === 0 && seen.length === 3)
    expect(seen.map((j) => j.runId).sort()).toEqual(['a', 'b', 'c'])
    expect(seen[0]).toEqual({ runId: expect.any(String), resume: true })
    expect(most).toBe(2)
  })

  it('offers a deferred job again after its delay', async () => {
    const worker = open()
    const tries: number[] = []
    worker.consume(async () => {
      tries.push(Date.now())
      if (tries.length === 1) throw new RunJobDeferred('held by another worker', 300)
    })
    await worker.enqueue({ runId: 'r' })
    await until(() => tries.length === 2)
    expect((tries[1] as number) - (tries[0] as number)).toBeGreaterThanOrEqual(250)
    await until(async () => (await worker.counts()).running === 0)
    expect(await worker.counts()).toEqual({ waiting: 0, running: 0 })
  })

  it('lets running jobs finish within the grace period at close, and hands the rest back to the queue', async () => {
    const first = open()
    const started: string[] = []
    first.consume(async (job, signal) => {
      started.push(job.runId)
      if (job.runId === 'quick') return new Promise((r) => setTimeout(r, 100))
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))
    })
    await first.enqueue({ runId: 'quick' })
    await first.enqueue({ runId: 'slow' })
    await until(() => started.length === 2)
    expect(await first.close(300)).toEqual([])

    const api = open(false)
    expect(await api.counts()).toEqual({ waiting: 1, running: 0 })
    const second = open()
    const taken: string[] = []
    second.consume(async (job) => {
      taken.push(job.runId)
    })
    await until(() => taken.length === 1)
    expect(taken).toEqual(['slow'])
  })
})

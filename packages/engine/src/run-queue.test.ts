import { describe, expect, it } from 'vitest'
import { createInProcessQueue, type RunJob } from './run-queue.ts'

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('createInProcessQueue', () => {
  it('never runs more jobs at once than its concurrency, and runs them in arrival order', async () => {
    const queue = createInProcessQueue({ concurrency: 2 })
    const started: string[] = []
    const gates = new Map<string, ReturnType<typeof deferred>>()
    let inFlight = 0
    let peak = 0
    queue.consume(async (job: RunJob) => {
      started.push(job.runId)
      inFlight++
      peak = Math.max(peak, inFlight)
      const gate = deferred()
      gates.set(job.runId, gate)
      await gate.promise
      inFlight--
    })
    for (const id of ['a', 'b', 'c', 'd']) await queue.enqueue({ runId: id })
    expect(started).toEqual(['a', 'b'])
    expect(await queue.counts()).toEqual({ waiting: 2, running: 2 })
    gates.get('a')?.resolve()
    await new Promise((r) => setTimeout(r, 0))
    expect(started).toEqual(['a', 'b', 'c'])
    for (const id of ['b', 'c']) gates.get(id)?.resolve()
    await new Promise((r) => setTimeout(r, 0))
    gates.get('d')?.resolve()
    await queue.close(1000)
    expect(await queue.counts()).toEqual({ waiting: 0, running: 0 })
    expect(peak).toBe(2)
    expect(started).toEqual(['a', 'b', 'c', 'd'])
  })

  it('on close, lets running jobs finish within the grace period and returns the jobs never started', async () => {
    const queue = createInProcessQueue({ concurrency: 1 })
    const finished: string[] = []
    queue.consume(async (job) => {
      await new Promise((r) => setTimeout(r, 20))
      finished.push(job.runId)
    })
    await queue.enqueue({ runId: 'first' })
    await queue.enqueue({ runId: 'second' })
    expect(await queue.close(1000)).toEqual(['second'])
    expect(finished).toEqual(['first'])
    await expect(queue.enqueue({ runId: 'late' })).rejects.toThrow('closed')
  })

  it('aborts jobs still running when the grace period ends', async () => {
    const queue = createInProcessQueue({ concurrency: 1 })
    let reason: unknown
    queue.consume(
      (_job, signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            reason = signal.reason
            resolve()
          })
        }),
    )
    await queue.enqueue({ runId: 'stuck' })
    await queue.close(10)
    expect(String(reason)).toContain('shutting down')
  })
})

import { type RunJob, RunJobDeferred, type RunJobHandler, type RunQueue } from '@zhiliu/engine'
import { DelayedError, type Job, Queue, Worker } from 'bullmq'
import type { QueueConfig } from '../config.ts'

/** One queue of runs per installation; the key prefix keeps installations (and test suites) apart. */
const QUEUE_NAME = 'runs'

export interface BullmqQueueOptions extends QueueConfig {
  /** Runs this process executes at once (ZHILIU_RUN_CONCURRENCY). */
  concurrency: number
  /** False for role `api`: `consume` starts no worker, so this process only enqueues. */
  execute: boolean
  /**
   * Redis went away (BullMQ reconnects by itself), or a job was given up: it lost its worker more than
   * `maxStalledCount` times, and its run stays `running` for a person to re-run. Without a listener either would
   * crash the process.
   */
  onError(err: Error, runId?: string): void
}

/**
 * The RunQueue of queue mode, on BullMQ: jobs live in Redis, any process with a worker may take them. A job whose
 * worker stops renewing its lock (the process died) is found by BullMQ's stalled-job check and offered again, up to
 * `maxStalledCount` times; the run itself is protected by its lease and fence in the store (see RunLeaseStore).
 */
export function createBullmqQueue(options: BullmqQueueOptions): RunQueue {
  // BullMQ's own requirement: a blocked command must wait for Redis, not fail after a few retries.
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null }
  const queue = new Queue<RunJob>(QUEUE_NAME, {
    connection,
    prefix: options.prefix,
    // A run's history is in the store; finished jobs are only clutter in Redis.
    defaultJobOptions: { removeOnComplete: true, removeOnFail: 1_000 },
  })
  queue.on('error', (err) => options.onError(err))
  const running = new Map<string, AbortController>()
  let worker: Worker<RunJob> | undefined
  let closing = false

  const process = (handler: RunJobHandler) => async (job: Job<RunJob>, token?: string) => {
    const controller = new AbortController()
    const id = job.id ?? ''
    running.set(id, controller)
    try {
      await handler(job.data, controller.signal)
    } catch (error) {
      if (!(error instanceof RunJobDeferred)) throw error
      await job.moveToDelayed(Date.now() + error.delayMs, token)
      throw new DelayedError()
    } finally {
      running.delete(id)
    }
    // Stopped by shutdown: the run was left as it was, so the job goes back for another worker, not to "failed".
    if (controller.signal.aborted) {
      await job.moveToDelayed(Date.now(), token)
      throw new DelayedError()
    }
  }

  return {
    async enqueue(job) {
      if (closing) throw new Error('queue is closed')
      await queue.add('run', job)
    },
    consume(handler) {
      if (worker) throw new Error('queue already has a consumer')
      if (!options.execute) return
      worker = new Worker<RunJob>(QUEUE_NAME, process(handler), {
        connection,
        prefix: options.prefix,
        concurrency: options.concurrency,
        lockDuration: options.leaseMs,
        stalledInterval: options.stalledIntervalMs,
        maxStalledCount: options.maxStalledCount,
      })
      worker.on('error', (err) => options.onError(err))
      worker.on('failed', (job, err) => options.onError(err, job?.data.runId))
    },
    // Only what this process executes: the rest is in Redis, and `size` must answer without asking it.
    size: () => running.size,
    async counts() {
      const c = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active')
      return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0), running: c.active ?? 0 }
    },
    async close(graceMs) {
      closing = true
      if (worker) {
        // Takes no new job and resolves once the running ones have returned.
        const closed = worker.close()
        let timer: ReturnType<typeof setTimeout> | undefined
        const graceOver = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), graceMs)
        })
        if ((await Promise.race([closed.then(() => 'done' as const), graceOver])) === 'timeout') {
          for (const controller of running.values()) controller.abort(new Error('worker shutting down'))
          await closed
        }
        clearTimeout(timer)
      }
      await queue.close()
      // Waiting jobs stay in Redis for the other workers: none was taken out of the queue and left unstarted here.
      return []
    },
  }
}

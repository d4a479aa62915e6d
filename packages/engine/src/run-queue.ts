/**
 * Job dispatch, behind an interface so that a BullMQ/Redis driver can replace the in-process one without touching
 * the engine or the server's routes. A job names a run that already exists in the store; the worker loads it.
 */
export interface RunJob {
  runId: string
  /** Continue from recorded node results instead of starting fresh (crash recovery, "re-run from here"). */
  resume?: boolean
}

export interface RunQueueCounts {
  waiting: number
  running: number
}

/**
 * Thrown by a handler when the job cannot run yet (in queue mode: another worker's lease on the run is still live).
 * A driver that redelivers jobs across processes takes the job back and offers it again after `delayMs`.
 */
export class RunJobDeferred extends Error {
  readonly delayMs: number
  constructor(message: string, delayMs: number) {
    super(message)
    this.name = 'RunJobDeferred'
    this.delayMs = delayMs
  }
}

export type RunJobHandler = (job: RunJob, signal: AbortSignal) => Promise<void>

export interface RunQueue {
  enqueue(job: RunJob): Promise<void>
  /** Starts workers. Only one consumer per queue instance. */
  consume(handler: RunJobHandler): void
  /** Jobs waiting plus jobs running. */
  size(): number
  /** Jobs waiting for a worker and jobs being executed, for metrics. Async, as a queue elsewhere is asked over the network. */
  counts(): Promise<RunQueueCounts>
  /**
   * Stops taking new jobs, waits up to `graceMs` for running ones, then aborts the rest (their signal fires) and
   * resolves once every handler has returned. Returns the ids of jobs that were never started.
   */
  close(graceMs: number): Promise<string[]>
}

/** The default driver: a bounded-concurrency FIFO in this process. Jobs are lost on crash; runs are not (see recovery). */
export function createInProcessQueue(options: { concurrency: number }): RunQueue {
  const waiting: RunJob[] = []
  const running = new Map<string, { done: Promise<void>; controller: AbortController }>()
  let handler: RunJobHandler | undefined
  let closed = false

  const pump = () => {
    while (handler && !closed && running.size < options.concurrency && waiting.length > 0) {
      const job = waiting.shift() as RunJob
      const controller = new AbortController()
      const done = handler(job, controller.signal)
        .catch(() => {
          // The handler records failures on the run itself; a rejection here must not stop the queue.
        })
        .finally(() => {
          running.delete(job.runId)
          pump()
        })
      running.set(job.runId, { done, controller })
    }
  }

  return {
    async enqueue(job) {
      if (closed) throw new Error('queue is closed')
      waiting.push(job)
      pump()
    },
    consume(next) {
      if (handler) throw new Error('queue already has a consumer')
      handler = next
      pump()
    },
    size: () => waiting.length + running.size,
    counts: async () => ({ waiting: waiting.length, running: running.size }),
    async close(graceMs) {
      closed = true
      const never = waiting.splice(0).map((j) => j.runId)
      const all = Promise.all([...running.values()].map((r) => r.done))
      let timer: ReturnType<typeof setTimeout> | undefined
      const graceOver = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs)
      })
      if ((await Promise.race([all.then(() => 'done' as const), graceOver])) === 'timeout') {
        for (const r of running.values()) r.controller.abort(new Error('server shutting down'))
        await all
      }
      clearTimeout(timer)
      return never
    },
  }
}

import { availableParallelism } from 'node:os'
import { type ResourceLimits, Worker } from 'node:worker_threads'
import { ExpressionError, type SignalSource } from '@zhiliu/nodes'
import { EXPRESSION_WORKER_URL } from '../paths.ts'
import type { ExpressionJob, WorkerReply } from './expression-job.ts'

export interface ExpressionPoolOptions {
  /** Worker threads at most; each is started on first need. Default: one fewer than the cores, 2 to 4. */
  size?: number
  /** Per worker. The old generation bounds what one evaluation can hold; past it the worker is stopped. */
  resourceLimits?: ResourceLimits
  /** Added to a job's time limit before its worker is terminated: the evaluator's own timeout should come first. */
  graceMs?: number
}

export interface PoolLimits {
  /** The evaluation's own time limit; the worker is terminated at this plus the grace. */
  timeoutMs: number
  /** The code of the ExpressionError for a job stopped by the pool: EXPRESSION_LIMIT or TEMPLATE_LIMIT. */
  limitCode: string
  abort?: SignalSource
  /**
   * Told how long a job that got an answer took to evaluate, measured on its worker: the work itself, without the
   * copying, the message round trip or the worker waiting for a core, which on a busy machine exceed any budget.
   */
  onRan?: (ms: number) => void
}

export interface ExpressionPool {
  run(job: ExpressionJob, limits: PoolLimits): Promise<unknown>
  /** Rejects queued jobs, terminates every worker (running jobs reject) and resolves when they are gone. */
  close(): Promise<void>
  /** For tests and metrics: workers alive, jobs running, jobs waiting. */
  stats(): { workers: number; running: number; queued: number }
}

export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 128,
  maxYoungGenerationSizeMb: 16,
  stackSizeMb: 4,
}

interface Task {
  job: ExpressionJob
  limits: PoolLimits
  resolve(value: unknown): void
  reject(error: unknown): void
  onAbort?: () => void
}

interface Slot {
  worker: Worker
  ready: boolean
  task: Task | undefined
  timer: NodeJS.Timeout | undefined
}

/**
 * Worker threads that evaluate expressions and templates too slow for the event loop. A job runs alone on its
 * worker; a job past its time limit (plus grace) or its worker's memory limit has its worker terminated, and a
 * worker whose job ended at any limit is retired, since it may hold a heap grown to the limit. Workers start lazily
 * and are replaced on demand; jobs wait in a FIFO queue. The queue and the workers live in this process only.
 */
export function createExpressionPool(options: ExpressionPoolOptions = {}): ExpressionPool {
  const size = options.size ?? Math.max(2, Math.min(4, availableParallelism() - 1))
  const resourceLimits = options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS
  const graceMs = options.graceMs ?? 250
  const slots = new Set<Slot>()
  const queue: Task[] = []
  let nextId = 1
  let closed = false

  function spawn(): Slot {
    const worker = new Worker(EXPRESSION_WORKER_URL, { resourceLimits })
    const slot: Slot = { worker, ready: false, task: undefined, timer: undefined }
    slots.add(slot)
    worker.on('message', (message: WorkerReply | { ready: true }) => {
      if ('ready' in message) {
        slot.ready = true
        dispatch()
        if (!slot.task) slot.worker.unref()
      } else settle(slot, message)
    })
    worker.on('error', (err: Error & { code?: string }) => {
      // A worker that cannot even start fails the job it was started for, rather than being restarted forever.
      const failed = slot.ready ? undefined : queue.shift()
      const task = retire(slot) ?? failed
      if (!task) return
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const mb = resourceLimits.maxOldGenerationSizeMb
        task.reject(limitError(task, `it used more than the ${mb} MB of memory allowed`, 'memory'))
      } else {
        task.reject(new Error(`expression worker failed: ${err.message}`, { cause: err }))
      }
    })
    worker.on('exit', (code) => {
      const failed = slot.ready ? undefined : queue.shift()
      ;(retire(slot) ?? failed)?.reject(new Error(`expression worker exited with code ${code}`))
    })
    return slot
  }

  /** Forgets the worker and terminates it; returns the task it was running, for the caller to settle. */
  function retire(slot: Slot): Task | undefined {
    if (!slots.delete(slot)) return undefined
    const { task } = slot
    clearTimeout(slot.timer)
    slot.task = undefined
    if (task) detach(task)
    void slot.worker.terminate()
    // A replacement is started at once only if someone is waiting for it.
    queueMicrotask(dispatch)
    return task
  }

  function dispatch(): void {
    if (closed) return
    while (queue.length > 0) {
      let free: Slot | undefined
      let starting = 0
      for (const slot of slots) {
        if (!slot.ready) starting++
        else if (!slot.task) free ??= slot
      }
      if (!free) {
        // A worker that is still starting will take the next job; start more only for the jobs beyond those.
        if (slots.size < size && queue.length > starting) spawn()
        return
      }
      start(free, queue.shift() as Task)
    }
  }

  function start(slot: Slot, task: Task): void {
    const id = nextId++
    try {
      slot.worker.postMessage({ id, job: task.job })
    } catch (err) {
      // Data a worker cannot receive (a function, a symbol) fails this job only; the worker stays free.
      detach(task)
      const reason = err instanceof Error ? err.message : String(err)
      task.reject(new ExpressionError('EXPRESSION_ERROR', `The data cannot be evaluated: ${reason}`))
      return
    }
    slot.task = task
    slot.worker.ref()
    slot.timer = setTimeout(() => {
      retire(slot)?.reject(
        limitError(task, `it ran for more than ${task.limits.timeoutMs} ms and was stopped`, 'time'),
      )
    }, task.limits.timeoutMs + graceMs)
  }

  function settle(slot: Slot, reply: WorkerReply): void {
    const { task } = slot
    if (!task) return
    clearTimeout(slot.timer)
    slot.task = undefined
    detach(task)
    task.limits.onRan?.(reply.ms)
    if (reply.ok) task.resolve(reply.value)
    else {
      const { code, message, details } = reply.error
      if (code === 'INTERNAL') task.reject(new Error(message))
      else task.reject(new ExpressionError(code, message, details))
      if (code.endsWith('_LIMIT')) {
        retire(slot)
        return
      }
    }
    // Idle workers do not keep the process alive (a script or a test that is done may exit); busy ones do.
    slot.worker.unref()
    dispatch()
  }

  function detach(task: Task): void {
    if (task.onAbort) task.limits.abort?.signal.removeEventListener('abort', task.onAbort)
  }

  return {
    run(job, limits) {
      if (closed) return Promise.reject(new Error('the expression pool is closed'))
      return new Promise((resolve, reject) => {
        const task: Task = { job, limits, resolve, reject }
        const signal = limits.abort?.signal
        if (signal?.aborted) {
          reject(signal.reason)
          return
        }
        if (signal) {
          task.onAbort = () => {
            const queued = queue.indexOf(task)
            if (queued >= 0) queue.splice(queued, 1)
            for (const slot of slots) if (slot.task === task) retire(slot)
            detach(task)
            reject(signal.reason)
          }
          signal.addEventListener('abort', task.onAbort, { once: true })
        }
        queue.push(task)
        dispatch()
      })
    },
    async close() {
      closed = true
      for (const task of queue.splice(0)) {
        detach(task)
        task.reject(new Error('the expression pool is closed'))
      }
      const workers = [...slots].map((slot) => slot.worker)
      for (const slot of [...slots]) retire(slot)?.reject(new Error('the expression pool is closed'))
      await Promise.all(workers.map((worker) => worker.terminate()))
    },
    stats() {
      let running = 0
      for (const slot of slots) if (slot.task) running++
      return { workers: slots.size, running, queued: queue.length }
    },
  }
}

function limitError(task: Task, reason: string, limit: 'time' | 'memory'): ExpressionError {
  const what = task.job.kind === 'jsonata' ? 'Expression' : 'Template'
  return new ExpressionError(task.limits.limitCode, `${what} exceeded a limit: ${reason}`, { limit })
}

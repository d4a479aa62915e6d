import { stat } from 'node:fs/promises'
import type { RunQueue } from '@zhiliu/engine'
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client'
import type { RunObserver } from '../runs/run-observer.ts'
import { createRunMetrics } from './run-metrics.ts'

export interface MetricsOptions {
  /** The SQLite file: its size with its write-ahead log is reported. Left out for a store that is not a file. */
  databaseFile?: string
  /**
   * prom-client's process metrics (memory, CPU, event-loop lag, GC). Each registry that collects them starts its own
   * samplers, which never stop: the server turns them on once, tests that build many apps leave them off.
   */
  processMetrics?: boolean
}

/** What `/metrics` reports for one app. Its own registry, so several apps in one process (tests) never collide. */
export interface Metrics {
  readonly registry: Registry
  /** Told of runs by the run service. */
  readonly runs: RunObserver
  /** One answer to a webhook call, by its HTTP status. */
  countHookResponse(status: number): void
  /** The queue whose waiting and executing runs are reported at each scrape. */
  watchQueue(queue: Pick<RunQueue, 'counts'>): void
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry()
  const registers = [registry]
  if (options.processMetrics) collectDefaultMetrics({ register: registry })
  let queue: Pick<RunQueue, 'counts'> | undefined
  new Gauge({
    name: 'zhiliu_runs_queued',
    help: 'Runs waiting to execute: in this process, or in the shared queue in queue mode (REDIS_URL)',
    registers,
    async collect() {
      this.set(queue ? (await queue.counts()).waiting : 0)
    },
  })
  new Gauge({
    name: 'zhiliu_runs_executing',
    help: 'Runs executing in this process now',
    registers,
    async collect() {
      this.set(queue ? (await queue.counts()).running : 0)
    },
  })
  const { databaseFile } = options
  if (databaseFile !== undefined) {
    new Gauge({
      name: 'zhiliu_database_size_bytes',
      help: 'The SQLite database file plus its write-ahead log; run history is nearly all of it',
      registers,
      async collect() {
        const [main, wal] = await Promise.all([fileSize(databaseFile), fileSize(`${databaseFile}-wal`)])
        this.set(main + wal)
      },
    })
  }
  const hookResponses = new Counter({
    name: 'zhiliu_webhook_responses_total',
    help: 'Answers to webhook calls (POST /hooks/…), by HTTP status code',
    labelNames: ['code'],
    registers,
  })
  return {
    registry,
    runs: createRunMetrics(registry),
    countHookResponse: (status) => hookResponses.inc({ code: status }),
    watchQueue(next) {
      queue = next
    },
  }
}

/** A stat per scrape: cheap, and never a query on the database the server is busy writing. */
async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size
  } catch {
    // No WAL between checkpoints on some systems, or no file yet: nothing to count.
    return 0
  }
}

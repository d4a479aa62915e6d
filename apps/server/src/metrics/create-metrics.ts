import { stat } from 'node:fs/promises'
import type { RunQueue } from '@zhiliu/engine'
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client'
import type { RunObserver } from '../runs/run-observer.ts'
import type { StorageMonitor } from '../storage/storage-monitor.ts'
import { createRunMetrics } from './run-metrics.ts'

export interface MetricsOptions {
  /** The SQLite file: its size with its write-ahead log is reported. Left out for a store that is not a file. */
  databaseFile?: string
  /**
   * prom-client's process metrics (memory, CPU, event-loop lag, GC). Each registry that collects them starts its own
   * samplers, which never stop: the server turns them on once, tests that build many apps leave them off.
   */
  processMetrics?: boolean
  /** The run history's size as last measured, its budget, and whether the database is full. */
  storage?: Pick<StorageMonitor, 'full' | 'history'>
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
  const { storage } = options
  if (storage) watchStorage(storage, registers)
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

function watchStorage(storage: Pick<StorageMonitor, 'full' | 'history'>, registers: Registry[]): void {
  new Gauge({
    name: 'zhiliu_storage_full',
    help: '1 while the database refuses writes for lack of room (runs are refused with 503 STORAGE_FULL), else 0',
    registers,
    collect() {
      this.set(storage.full ? 1 : 0)
    },
  })
  // Measured by the clean-up pass every few seconds, not per scrape.
  const measured = (
    name: string,
    help: string,
    read: (h: NonNullable<StorageMonitor['history']>) => number,
  ) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        if (storage.history) this.set(read(storage.history))
      },
    })
  measured('zhiliu_run_history_bytes', 'Bytes the run history takes in the database', (h) => h.bytes)
  measured('zhiliu_run_history_budget_bytes', 'The run history size budget; 0 is no limit', (h) => h.maxBytes)
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

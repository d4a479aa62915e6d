import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

const CHECKPOINT_EVERY_MS = 200
const STOP_WAIT_MS = 5000
// SQLite's own default, restored if the worker cannot run.
const AUTOCHECKPOINT_PAGES = 1000

export interface BackgroundCheckpoints {
  /** Stops the worker and waits (synchronously, bounded) until its connection is closed. */
  stop(): void
}

/**
 * Moves WAL checkpoints off the request thread. By default SQLite checkpoints inside the commit that crosses 1,000
 * WAL pages: that commit copies the pages into the database file and fsyncs it, which measured about 45 % of the
 * time a webhook run spends in SQLite (store micro-benchmark: 200 µs → 110 µs per run). A worker thread with its
 * own connection checkpoints every 200 ms instead, and this connection stops checkpointing on commit. Should the
 * worker fail, commits checkpoint again as before, so the WAL never grows without bound.
 */
export function startBackgroundCheckpoints(client: Database.Database, file: string): BackgroundCheckpoints {
  const control = new Int32Array(new SharedArrayBuffer(8))
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, control, intervalMs: CHECKPOINT_EVERY_MS },
  })
  // A store that is never closed (a short script) must not keep the process alive.
  worker.unref()
  client.pragma('wal_autocheckpoint = 0')
  worker.on('error', () => {
    if (client.open) client.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
  })
  return {
    stop() {
      Atomics.store(control, 0, 1)
      Atomics.notify(control, 0)
      // The main connection's close checkpoints and removes the WAL only when it is the last connection.
      Atomics.wait(control, 1, 0, STOP_WAIT_MS)
    },
  }
}

// Plain JavaScript: a worker thread does not inherit the tsx loader the rest of the server runs under.
// Copies committed WAL pages into the database file on its own connection, so neither the copy nor its fsync
// runs on the thread that serves requests. Control words (Int32Array on shared memory): [0] becomes 1 to ask it
// to stop, [1] becomes 1 once its connection is closed.
import { workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const { file, control, intervalMs } = workerData
let db
try {
  db = new Database(file)
  db.pragma('busy_timeout = 5000')
  while (Atomics.load(control, 0) === 0) {
    // PASSIVE never blocks the writer; a checkpoint that could not copy everything is simply repeated later.
    db.pragma('wal_checkpoint(PASSIVE)')
    Atomics.wait(control, 0, 0, intervalMs)
  }
} finally {
  db?.close()
  Atomics.store(control, 1, 1)
  Atomics.notify(control, 1)
}

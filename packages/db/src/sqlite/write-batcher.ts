import type Database from 'better-sqlite3'
import { isBusy } from './retry-while-busy.ts'

interface PendingWrite {
  write: () => void
  resolve: () => void
  reject: (error: unknown) => void
}

export interface WriteBatcher {
  /** Runs `write` in the next group commit; resolves once that commit is done, rejects if `write` threw. */
  write(write: () => void): Promise<void>
  /** Commits what is pending now (before closing the database). */
  flush(): void
}

/**
 * Group commit for the run hot path. In WAL mode a commit costs ~10× the insert it carries, and a busy server
 * records thousands of node results a second from many concurrent runs. Writes queued during one turn of the event
 * loop are committed together in one transaction; each write's promise settles only after that commit, so "awaited
 * means stored" holds exactly as with one commit per write. A write that fails (a constraint) rejects alone: the
 * batch is then retried write by write.
 */
export function createWriteBatcher(client: Database.Database): WriteBatcher {
  let pending: PendingWrite[] = []
  let scheduled: ReturnType<typeof setImmediate> | undefined

  const settle = (op: PendingWrite, run: () => void) => {
    try {
      run()
      op.resolve()
    } catch (error) {
      op.reject(error)
    }
  }

  const flush = () => {
    if (scheduled) clearImmediate(scheduled)
    scheduled = undefined
    const batch = pending
    pending = []
    if (batch.length === 0) return
    if (batch.length === 1) {
      const op = batch[0] as PendingWrite
      settle(op, client.transaction(op.write))
      return
    }
    try {
      client
        .transaction(() => {
          for (const op of batch) op.write()
        })
        .immediate()
    } catch (error) {
      // Another process holds the lock: nothing was written, and each write would find the same. The store tries
      // the calls again (retry-while-busy.ts).
      if (isBusy(error)) {
        for (const op of batch) op.reject(error)
        return
      }
      // Rare (a constraint failed): the batch was rolled back whole, so each write is tried again on its own and
      // only the one at fault fails. Cheaper than a savepoint around every write on the common path.
      for (const op of batch) settle(op, client.transaction(op.write))
      return
    }
    for (const op of batch) op.resolve()
  }

  return {
    write(write) {
      return new Promise((resolve, reject) => {
        pending.push({ write, resolve, reject })
        scheduled ??= setImmediate(flush)
      })
    },
    flush,
  }
}

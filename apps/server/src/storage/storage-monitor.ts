import { randomBytes } from 'node:crypto'
import { isStorageFull, type Store } from '@zhiliu/db'
import type { Logger } from 'pino'
import type { ApiError } from '../http/api-error.ts'
import { storageFullError } from './storage-full-error.ts'

const PROBE_EVERY_MS = 5_000
// A few pages: a write that fits only because it replaces a row in place proves nothing.
const PROBE_BYTES = 16_384
const PROBE_SETTING = 'storage-probe'

export interface MeasuredHistory {
  bytes: number
  /** The budget in force when it was measured; 0 is no limit. */
  maxBytes: number
  at: number
}

/**
 * Whether the database can write, as this process has seen it, and the run history's last measured size.
 *
 * In-process state on purpose: each process learns of a full database from its own failed writes and probes on its
 * own, so a process whose writes fail refuses runs even if another process has not noticed yet.
 */
export interface StorageMonitor {
  /** True from a write refused for lack of room until a probe write succeeds. */
  readonly full: boolean
  /** Set by the pruner at each pass; undefined before the first (and in a process that does not prune). */
  readonly history: MeasuredHistory | undefined
  /** Every store error passes here: a full database turns `full` on and starts probing. */
  noteError(error: unknown): void
  record(history: MeasuredHistory): void
  /** The answer to a run that cannot start while `full`. */
  refusal(): ApiError
  close(): void
}

export interface StorageMonitorParts {
  store: Pick<Store, 'setSetting'>
  logger: Logger
  now: () => number
}

export function createStorageMonitor(
  parts: StorageMonitorParts,
  probeEveryMs = PROBE_EVERY_MS,
): StorageMonitor {
  let full = false
  let history: MeasuredHistory | undefined
  let timer: ReturnType<typeof setInterval> | undefined
  let probing = false

  const probe = async () => {
    if (probing) return
    probing = true
    try {
      const probeAt = parts.now()
      const write = (value: string) =>
        parts.store.setSetting({ name: PROBE_SETTING, value, updatedAt: probeAt, updatedBy: null })
      await write(randomBytes(PROBE_BYTES / 2).toString('hex'))
      // Gives the pages back, so the probe itself takes no room.
      await write('')
      full = false
      clearInterval(timer)
      timer = undefined
      parts.logger.warn('the database takes writes again: runs start again')
    } catch (err) {
      if (!isStorageFull(err)) parts.logger.warn({ err }, 'storage probe failed')
    } finally {
      probing = false
    }
  }

  return {
    get full() {
      return full
    },
    get history() {
      return history
    },
    noteError(error) {
      if (full || !isStorageFull(error)) return
      full = true
      parts.logger.error(
        { err: error },
        'the database has no room left: runs are refused (503 STORAGE_FULL) until a write fits again',
      )
      timer = setInterval(() => void probe(), probeEveryMs)
      timer.unref()
    },
    record(next) {
      history = next
    },
    refusal: () => storageFullError(Math.ceil(probeEveryMs / 1000)),
    close() {
      clearInterval(timer)
      timer = undefined
    },
  }
}

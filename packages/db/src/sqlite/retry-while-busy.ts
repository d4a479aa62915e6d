import { setTimeout as sleep } from 'node:timers/promises'
import { StoreError } from '../store-error.ts'

export interface BusyRetryPolicy {
  /** How long one call may keep finding the database locked before it fails with StoreError BUSY. */
  maxWaitMs: number
  /** The first pause; each next one doubles, up to `maxDelayMs`. */
  firstDelayMs: number
  maxDelayMs: number
}

/** As long as the blocking busy_timeout it replaces waited, so what succeeded before still succeeds. */
export const DEFAULT_BUSY_RETRY: BusyRetryPolicy = { maxWaitMs: 5_000, firstDelayMs: 1, maxDelayMs: 50 }

/** better-sqlite3's error when another connection holds the lock (SQLITE_BUSY and its extended codes). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY, pausing on timers in between, so that while another
 * process holds the write lock this process keeps serving. The connection's busy_timeout is 0 (see open-sqlite.ts):
 * SQLite's own wait would block the whole event loop for up to its length. A locked statement has done nothing and
 * a locked transaction was rolled back, so trying again is safe. Past `maxWaitMs` the call fails with StoreError
 * BUSY, which the server answers with 503 and Retry-After.
 */
export async function retryWhileBusy<T>(
  attempt: () => T | Promise<T>,
  policy: BusyRetryPolicy = DEFAULT_BUSY_RETRY,
): Promise<T> {
  const started = Date.now()
  for (let delay = policy.firstDelayMs; ; delay = Math.min(delay * 2, policy.maxDelayMs)) {
    try {
      return await attempt()
    } catch (error) {
      if (!isBusy(error)) throw error
      const waited = Date.now() - started
      if (waited >= policy.maxWaitMs)
        throw new StoreError('BUSY', `the database stayed locked by another process for ${waited} ms`, {
          waitedMs: waited,
        })
      // Jitter, so that processes waiting on the same lock do not retry in step.
      await sleep(Math.min(delay * (0.5 + Math.random()), policy.maxWaitMs - waited))
    }
  }
}

/** The same store with every method tried again while the database is locked (see retryWhileBusy). */
export function retryingWhileBusy<S extends object>(store: S, policy?: BusyRetryPolicy): S {
  const wrapped: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(store)) {
    wrapped[name] =
      typeof value === 'function' && name !== 'close'
        ? (...args: unknown[]) => retryWhileBusy(() => value(...args), policy)
        : value
  }
  return wrapped as S
}

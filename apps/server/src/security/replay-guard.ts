/** Remembers webhook ids for a while so the same delivery is processed once. The server may back it with its store. */
export interface ReplayGuard {
  /**
   * True when `id` was already seen within the window; otherwise records it and returns false. `now` in ms. The
   * in-memory guard answers at once; the Redis one (shared by every process) asynchronously.
   */
  seen(id: string, now: number): boolean | Promise<boolean>
}

/** Twice the signature tolerance: see createMemoryReplayGuard. */
export const REPLAY_WINDOW_MS = 2 * 300_000

/**
 * An in-memory guard holding at most `maxEntries` ids. The default window is twice the signature tolerance: a
 * timestamp is accepted up to `tolerance` on either side of now, so a captured delivery stays replayable for that
 * long after it was first seen. Under a flood the oldest ids are forgotten first; the signature's timestamp check
 * still bounds how old a replay can be. Callers should scope ids (e.g. `${triggerId}:${id}`), since senders pick them.
 */
export function createMemoryReplayGuard(
  options: { windowMs?: number; maxEntries?: number } = {},
): ReplayGuard & { seen(id: string, now: number): boolean } {
  const windowMs = options.windowMs ?? REPLAY_WINDOW_MS
  const maxEntries = options.maxEntries ?? 10_000
  // Insertion order is expiry order, because every entry gets the same window.
  const expiries = new Map<string, number>()

  return {
    seen(id, now) {
      for (const [key, expiry] of expiries) {
        if (expiry > now) break
        expiries.delete(key)
      }
      if (expiries.has(id)) return true
      expiries.set(id, now + windowMs)
      if (expiries.size > maxEntries) {
        const oldest = expiries.keys().next().value
        if (oldest !== undefined) expiries.delete(oldest)
      }
      return false
    },
  }
}

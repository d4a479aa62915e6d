import type { RunEvent } from './run-events.ts'

/**
 * Fans run events out to subscribers (SSE clients, sync webhook callers). In-process by default; a Redis pub/sub
 * driver can implement the same interface when workers run in other processes.
 */
export interface RunEventBus {
  publish(event: RunEvent): void
  /** Returns the unsubscribe function. */
  subscribe(runId: string, listener: (event: RunEvent) => void): () => void
}

export function createInProcessEventBus(): RunEventBus {
  const listeners = new Map<string, Set<(event: RunEvent) => void>>()
  return {
    publish(event) {
      const set = listeners.get(event.runId)
      if (!set) return
      for (const listener of set) {
        try {
          listener(event)
        } catch {
          // One broken subscriber must not starve the others.
        }
      }
    },
    subscribe(runId, listener) {
      let set = listeners.get(runId)
      if (!set) {
        set = new Set()
        listeners.set(runId, set)
      }
      set.add(listener)
      return () => {
        set.delete(listener)
        if (set.size === 0) listeners.delete(runId)
      }
    },
  }
}

import type { Run, Store } from '@zhiliu/db'
import type { NodeResult, RunEvent, RunEventBus } from '@zhiliu/engine'
import type { LiveRuns } from './live-runs.ts'
import { storedEvents } from './stored-events.ts'
import { SYSTEM_ACCESS } from './system-access.ts'

export type RunListener = (event: RunEvent) => void

/**
 * Subscribes with replay: a late subscriber first gets what already happened, then the live events, in order and
 * without gaps. A run this process holds replays from memory; any other run (finished, or running elsewhere) from
 * the store, with live events that arrive while the store is read held back and de-duplicated.
 * Access is the caller's to check before subscribing.
 */
export function createSubscribe(parts: {
  store: Store
  live: LiveRuns
  bus: RunEventBus
  /** Puts back what stored results leave out (RunService.readResults). */
  readResults(run: Run, results: readonly NodeResult[]): Promise<NodeResult[]>
}) {
  return function subscribe(runId: string, listener: RunListener): () => void {
    const run = parts.live.get(runId)
    if (run) {
      // Synchronous from replay to live subscription: no event can slip in between.
      for (const event of run.events) listener(event)
      if (run.outcome) return () => {}
      return parts.bus.subscribe(runId, listener)
    }
    let held: RunEvent[] | null = []
    let closed = false
    const off = parts.bus.subscribe(runId, (event) => {
      if (held) held.push(event)
      else listener(event)
    })
    void (async () => {
      const row = await parts.store.getRun(SYSTEM_ACCESS, runId)
      const stored = row && (await parts.readResults(row, await parts.store.loadNodeResults(runId)))
      const replay = row && stored ? storedEvents(row, stored) : []
      if (closed) return
      const seen = new Set<string>()
      for (const event of replay) {
        if (event.type === 'node.finished') seen.add(event.result.key)
        listener(event)
      }
      const late = held ?? []
      held = null
      if (replay.at(-1)?.type === 'run.finished') {
        off()
        return
      }
      for (const event of late) {
        // What the replay covers: a node it shows finished (its start, chunks and retries came before that finish).
        if (event.type === 'node.finished' && seen.has(event.result.key)) continue
        if ('key' in event && seen.has(event.key)) continue
        if (event.type === 'run.started' && replay.length > 0) continue
        listener(event)
      }
    })().catch(() => {
      // A store read failing leaves the subscriber with live events only.
      held = null
    })
    return () => {
      closed = true
      off()
    }
  }
}

import type { LiveRun } from './live-runs.ts'

/**
 * A sync caller (given the redacted result, like everything that leaves the server) is answered once everything the run recorded so far is stored, the response included: the engine
 * announces a result before its write lands, and a caller must never get 200 for a run whose writes the database
 * then refused (disk full). If one fails, no answer is released; the run ends failed and the caller hears that.
 */
export function respondWhenStored(run: LiveRun, output: unknown, writes: Set<Promise<void>>): void {
  // A microtask later: the engine issues the response's own write right after announcing it.
  queueMicrotask(() => {
    Promise.all(writes).then(
      () => {
        if (run.response) return
        run.response = { output }
        for (const wake of run.waiters) wake()
      },
      () => {},
    )
  })
}

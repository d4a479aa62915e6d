import type { NodeResult, RunOutcome, RunRecord, RunStore } from './run-store.ts'

export interface MemoryRun {
  record: RunRecord
  /** The latest result per node key, in the order keys were first recorded. */
  results: Map<string, NodeResult>
  outcome?: RunOutcome
}

export type MemoryRunStore = RunStore & { readonly runs: Map<string, MemoryRun> }

/**
 * Keeps runs in a Map: the default store of `runFlow`, and what tests and the CLI use. Results are stored by
 * reference, not copied; the engine never changes a result after recording it.
 */
export function createMemoryRunStore(): MemoryRunStore {
  const runs = new Map<string, MemoryRun>()
  const get = (runId: string): MemoryRun => {
    const run = runs.get(runId)
    if (!run) throw new Error(`run "${runId}" was never created in this store`)
    return run
  }
  return {
    runs,
    async createRun(record) {
      if (runs.has(record.id)) throw new Error(`run "${record.id}" already exists`)
      runs.set(record.id, { record: { ...record }, results: new Map() })
    },
    async saveResults(runId, results) {
      // A node run again after a resume replaces its earlier result, as a database merge by key would.
      const run = get(runId)
      for (const result of results) run.results.set(result.key, result)
    },
    async finishRun(runId, outcome, results) {
      const run = get(runId)
      for (const result of results) run.results.set(result.key, result)
      run.outcome = outcome
      run.record.status = outcome.status
    },
    async loadNodeResults(runId) {
      return [...get(runId).results.values()]
    },
  }
}

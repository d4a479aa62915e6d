import type { Run, Store } from '@zhiliu/db'
import type { Flow } from '@zhiliu/nodes'
import { SYSTEM_ACCESS } from './system-access.ts'

/** Where a run's flow document comes from: its own snapshot (draft runs) or the immutable published version. */
export interface DocumentSource {
  forRun(run: Pick<Run, 'flowId' | 'flowVersion' | 'document'>): Promise<Flow | undefined>
  version(flowId: string, version: number): Promise<Flow | undefined>
}

/**
 * Published versions never change once written, so they are cached by `flowId@version` for the life of the process
 * (bounded, oldest dropped first): a busy webhook reads its document from memory, not from SQLite.
 */
export function createDocumentSource(store: Store, maxEntries = 500): DocumentSource {
  const cache = new Map<string, Flow>()
  const version = async (flowId: string, n: number): Promise<Flow | undefined> => {
    const key = `${flowId}@${n}`
    const hit = cache.get(key)
    if (hit) return hit
    const row = await store.getFlowVersion(SYSTEM_ACCESS, flowId, n)
    if (!row) return undefined
    cache.set(key, row.document)
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string)
    return row.document
  }
  return {
    version,
    async forRun(run) {
      if (run.document) return run.document
      if (run.flowId === null || run.flowVersion === null) return undefined
      return version(run.flowId, run.flowVersion)
    },
  }
}

import type { CatalogueEntry, NodeCatalogue } from '@zhiliu/nodes'
import { create } from 'zustand'
import { request } from '../api/request.ts'

const keyOf = (type: string, version: number) => `${type}@${version}`

interface CatalogueState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** Every entry, including superseded versions that saved flows may still use. */
  entries: CatalogueEntry[]
  byKey: ReadonlyMap<string, CatalogueEntry>
  load(): Promise<void>
}

/**
 * The node catalogue as the server describes it: the single registry of node kinds. Palette, node views and
 * config forms all read it; the editor keeps no list of its own.
 */
export const useCatalogue = create<CatalogueState>()((set, get) => ({
  status: 'idle',
  entries: [],
  byKey: new Map(),
  async load() {
    if (get().status === 'loading' || get().status === 'ready') return
    set({ status: 'loading' })
    try {
      const catalogue = await request<NodeCatalogue>('GET', '/api/nodes')
      const byKey = new Map(catalogue.nodes.map((e) => [keyOf(e.type, e.version), e]))
      set({ status: 'ready', entries: catalogue.nodes, byKey })
    } catch {
      set({ status: 'error' })
    }
  },
}))

/** The entry a node on the canvas was made from; undefined for a type this server does not know. */
export function entryFor(type: string, version: number): CatalogueEntry | undefined {
  return useCatalogue.getState().byKey.get(keyOf(type, version))
}

export function useEntry(type: string, version: number): CatalogueEntry | undefined {
  return useCatalogue((s) => s.byKey.get(keyOf(type, version)))
}

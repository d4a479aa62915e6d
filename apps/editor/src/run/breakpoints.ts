import { create } from 'zustand'

/**
 * Breakpoints (单步运行): the nodes a test run pauses before. Kept beside the run, not in the flow document: they
 * belong to the person presenting, not to the flow, and are never part of undo.
 */
interface BreakpointState {
  ids: Readonly<Record<string, true>>
  toggle(id: string): void
  clear(): void
}

export const useBreakpoints = create<BreakpointState>()((set, get) => ({
  ids: {},
  toggle(id) {
    const { [id]: on, ...rest } = get().ids
    set({ ids: on ? rest : { ...rest, [id]: true } })
  },
  clear: () => set({ ids: {} }),
}))

/** The breakpoints on nodes that still exist, for a run's `debug.pauseBefore`. */
export function breakpointsIn(nodeIds: readonly string[]): string[] {
  const { ids } = useBreakpoints.getState()
  return nodeIds.filter((id) => ids[id])
}

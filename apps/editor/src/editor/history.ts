import type { CanvasEdge, CanvasNode } from './flow-mapping.ts'

export interface Snapshot {
  nodes: CanvasNode[]
  edges: CanvasEdge[]
}

export interface History {
  past: Snapshot[]
  future: Snapshot[]
  /** Consecutive edits with the same key (typing in one field) collapse into one undo step. */
  lastKey?: string
  lastAt: number
}

const LIMIT = 100
const COALESCE_MS = 1200

export const emptyHistory: History = { past: [], future: [], lastAt: 0 }

/**
 * Records the state before an edit. Arrays are immutable in the store, so a snapshot is two references, not a
 * copy. Selection flags are kept: undo restores what the person was looking at.
 */
export function record(history: History, before: Snapshot, key?: string, now = Date.now()): History {
  if (key !== undefined && key === history.lastKey && now - history.lastAt < COALESCE_MS) {
    return { ...history, lastAt: now }
  }
  const past = [...history.past, before]
  if (past.length > LIMIT) past.shift()
  return { past, future: [], lastAt: now, ...(key !== undefined ? { lastKey: key } : {}) }
}

export function undo(history: History, current: Snapshot): { history: History; snapshot?: Snapshot } {
  const snapshot = history.past.at(-1)
  if (!snapshot) return { history }
  return {
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastAt: 0 },
    snapshot,
  }
}

export function redo(history: History, current: Snapshot): { history: History; snapshot?: Snapshot } {
  const [snapshot, ...future] = history.future
  if (!snapshot) return { history }
  return { history: { past: [...history.past, current], future, lastAt: 0 }, snapshot }
}

import { useEffect } from 'react'
import { create } from 'zustand'
import { listApprovals } from '../api/approvals-api.ts'
import type { Route } from '../routing/use-route.ts'
import { useRun } from '../run/run-store.ts'

interface WaitingApprovals {
  count: number
  /** Reads the count again; the 审核 page calls it after each decision. */
  refresh: () => void
}

const WAITING_POLL_MS = 30_000

/** How many items wait in 审核 for this user: one count for the header and the page that changes it. */
export const useWaitingApprovalsStore = create<WaitingApprovals>((set) => ({
  count: 0,
  refresh: () => {
    if (document.visibilityState === 'hidden') return
    listApprovals()
      .then((r) => set({ count: r.items.length }))
      .catch(() => undefined)
  },
}))

export const refreshWaitingApprovals = () => useWaitingApprovalsStore.getState().refresh()

/**
 * The count, read again on every page change, when a run on screen moves on, when the window comes back into focus,
 * and every half minute while it is shown: runs started by webhooks or colleagues reach an approval with nothing on
 * this screen changing, and polling works the same with one server or many.
 */
export function useWaitingApprovals(route: Route): number {
  // A run on the canvas that reaches an approval adds one without a page change.
  const runStatus = useRun((s) => s.status)
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again whenever the page or the run on screen changes
  useEffect(() => {
    refreshWaitingApprovals()
  }, [route, runStatus])
  useEffect(() => {
    const timer = window.setInterval(refreshWaitingApprovals, WAITING_POLL_MS)
    window.addEventListener('focus', refreshWaitingApprovals)
    document.addEventListener('visibilitychange', refreshWaitingApprovals)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('focus', refreshWaitingApprovals)
      document.removeEventListener('visibilitychange', refreshWaitingApprovals)
    }
  }, [])
  return useWaitingApprovalsStore((s) => s.count)
}

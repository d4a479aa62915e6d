import { useEffect, useState } from 'react'
import { getRun } from '../api/runs-api.ts'
import { useRun } from '../run/run-store.ts'

/**
 * The node a paused run waits before (step-through, issue 16 item 1), read from the run's details when the run on
 * screen is `paused`; undefined otherwise. Read loosely, as `pausedBefore` or `paused.nodeId`, so the view works
 * with whichever the run details name it.
 */
export function usePausedBefore(): string | undefined {
  const runId = useRun((s) => s.runId)
  const paused = useRun((s) => (s.status as string) === 'paused')
  const [nodeId, setNodeId] = useState<string>()
  useEffect(() => {
    setNodeId(undefined)
    if (!runId || !paused) return
    let current = true
    void getRun(runId)
      .then((detail) => {
        const d = detail as { pausedBefore?: unknown; paused?: { nodeId?: unknown } }
        const id = d.pausedBefore ?? d.paused?.nodeId
        if (current && typeof id === 'string') setNodeId(id)
      })
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [runId, paused])
  return nodeId
}

import type { RunView } from '../run/run-store.ts'

/**
 * The node the presenter view follows: one paused before (once runs can pause: a `paused` badge), else one running,
 * else the one that finished last; undefined before a run.
 */
export function focusedNode(
  run: Pick<RunView, 'nodeStatus' | 'results'>,
  pausedBefore?: string,
): string | undefined {
  if (pausedBefore) return pausedBefore
  const statuses = Object.entries(run.nodeStatus) as [string, string][]
  const paused = statuses.find(([, status]) => status === 'paused')
  if (paused) return paused[0]
  const running = statuses.find(([, status]) => status === 'running')
  if (running) return running[0]
  let last: { id: string; at: number } | undefined
  for (const result of Object.values(run.results)) {
    if (!last || result.finishedAt >= last.at) last = { id: result.nodeId, at: result.finishedAt }
  }
  return last?.id
}

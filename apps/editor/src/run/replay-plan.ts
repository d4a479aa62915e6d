import type { RunEvent } from '@zhiliu/engine'
import type { RunDetail } from '../api/runs-api.ts'

/** One event of a replay and when it happens, in ms after the run started (recorded time, before any speed). */
export interface TimedEvent {
  at: number
  event: RunEvent
}

/** How many pieces a node's final text is streamed in when replayed: enough to read as typing. */
const PIECES = 40

/**
 * A stored run as the events a live viewer saw, at their recorded times: each node starts at its `startedAt` and
 * finishes at its `finishedAt`. Streamed pieces are not stored, so a node's final text (`output.text`) is streamed
 * again, evenly over the node's recorded duration. Loop iterations replay as their node's latest result.
 */
export function replayPlan(
  run: Pick<RunDetail, 'id' | 'startedAt' | 'finishedAt' | 'status' | 'output' | 'error' | 'nodes'>,
): TimedEvent[] {
  const runId = run.id
  const t0 = run.startedAt
  const plan: TimedEvent[] = [{ at: 0, event: { type: 'run.started', runId, at: t0 } }]
  for (const result of run.nodes) {
    const start = Math.max(0, result.startedAt - t0)
    const end = Math.max(start, result.finishedAt - t0)
    plan.push({
      at: start,
      event: {
        type: 'node.started',
        runId,
        nodeId: result.nodeId,
        key: result.key,
        attempt: result.attempts,
        at: result.startedAt,
      },
    })
    const text = textOf(result.output)
    if (text) {
      const size = Math.max(1, Math.ceil(text.length / PIECES))
      const count = Math.ceil(text.length / size)
      for (let i = 0; i < count; i++) {
        const at = start + ((end - start) * i) / count
        const chunk = { channel: 'text' as const, text: text.slice(i * size, (i + 1) * size) }
        plan.push({
          at,
          event: { type: 'node.chunk', runId, nodeId: result.nodeId, key: result.key, chunk, at: t0 + at },
        })
      }
    }
    plan.push({ at: end, event: { type: 'node.finished', runId, result, at: result.finishedAt } })
  }
  const status = run.status
  if (status === 'succeeded' || status === 'failed' || status === 'cancelled') {
    const end = Math.max(0, ...plan.map((p) => p.at), (run.finishedAt ?? t0) - t0)
    const outcome = {
      status,
      output: run.output,
      ...(run.error ? { error: run.error } : {}),
      finishedAt: run.finishedAt ?? t0 + end,
    }
    plan.push({ at: end, event: { type: 'run.finished', runId, outcome, at: outcome.finishedAt } })
  }
  // Stable: events at the same moment keep their order (a node finishes before the next one starts).
  return plan
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.at - b.p.at || a.i - b.i)
    .map(({ p }) => p)
}

/**
 * Where the replay stops applying events at this clock: after every event due by `clock`, except that a node never
 * starts (or streams) and finishes in the same tick. A clock that fell behind (a busy projector laptop, a tab in the
 * background) would otherwise jump a node from waiting to done and its badge and streamed text would never be seen;
 * its finish waits for the next tick instead.
 */
export function replayDueUntil(plan: readonly TimedEvent[], from: number, clock: number): number {
  const shown = new Set<string>()
  let next = from
  for (; next < plan.length; next++) {
    const step = plan[next]
    if (!step || step.at > clock) break
    const event = step.event
    if (event.type === 'node.finished' && shown.has(event.result.key)) break
    if (event.type === 'node.started' || event.type === 'node.chunk') shown.add(event.key)
  }
  return next
}

function textOf(output: unknown): string {
  if (typeof output !== 'object' || output === null) return ''
  const text = (output as { text?: unknown }).text
  return typeof text === 'string' ? text : ''
}

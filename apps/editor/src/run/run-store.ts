import type { NodeResult, PausePoint, RunEvent, RunOutcome, RunStatus } from '@zhiliu/engine'
import type { TriggerEvent } from '@zhiliu/nodes'
import { create } from 'zustand'
import type { RunUsage } from '../api/runs-api.ts'

/**
 * `waiting` is a node not reached yet; a node the engine recorded `waiting` (an approval that suspended the run)
 * shows as `approval` so the two never read alike. `paused`: step through stopped the run before this node.
 */
export type NodeRunStatus =
  | 'waiting'
  | 'running'
  | 'approval'
  | 'paused'
  | Exclude<NodeResult['status'], 'waiting'>

export function resultStatus(result: NodeResult): NodeRunStatus {
  return result.status === 'waiting' ? 'approval' : result.status
}

/** A run as the canvas shows it: the live one, or a past one opened from the history. */
export interface RunView {
  runId: string | undefined
  status: 'idle' | 'starting' | RunStatus
  /** The flow node ids of this run; nodes not listed have no badge. */
  nodeStatus: Readonly<Record<string, NodeRunStatus>>
  /** The latest result per node id (inside a loop: the last item's). */
  results: Readonly<Record<string, NodeResult>>
  /** Text streamed by a node while it runs (model tokens), by node id. */
  text: Readonly<Record<string, string>>
  event: TriggerEvent | undefined
  outcome: RunOutcome | undefined
  startedAt: number | undefined
  /** What the run's model calls used and cost, as the server sums them once the run has ended. */
  usage: RunUsage | undefined
  /** Step through: the node the run is paused before, with its rendered config and inputs. */
  paused: PausePoint | undefined
}

interface RunState extends RunView {
  begin(runId: string, nodeIds: readonly string[], event: TriggerEvent): void
  starting(): void
  apply(event: RunEvent): void
  show(view: Omit<RunView, 'text' | 'paused'> & { paused?: PausePoint }): void
  /** The server's usage figures for `runId`, if it is still the run on screen. */
  setUsage(runId: string, usage: RunUsage): void
  fail(outcome: RunOutcome): void
  clear(): void
}

const idle: RunView = {
  runId: undefined,
  status: 'idle',
  nodeStatus: {},
  results: {},
  text: {},
  event: undefined,
  outcome: undefined,
  startedAt: undefined,
  usage: undefined,
  paused: undefined,
}

/** Kept apart from the editor store: a run changes badges many times a second and is never part of undo. */
export const useRun = create<RunState>()((set, get) => ({
  ...idle,
  starting: () => set({ ...idle, status: 'starting' }),
  begin(runId, nodeIds, event) {
    const nodeStatus = Object.fromEntries(nodeIds.map((id) => [id, 'waiting' as const]))
    // startedAt comes from the server's run.started: the two clocks may differ.
    set({ ...idle, runId, status: 'running', nodeStatus, event })
  },
  apply(event) {
    const s = get()
    if (event.runId !== s.runId) return
    switch (event.type) {
      case 'run.started': {
        // A reconnected stream replays the run from the start: begin again from a clean slate.
        const nodeStatus = Object.fromEntries(Object.keys(s.nodeStatus).map((id) => [id, 'waiting' as const]))
        set({ nodeStatus, results: {}, text: {}, status: 'running', startedAt: event.at, paused: undefined })
        return
      }
      case 'node.started':
        set({ nodeStatus: { ...s.nodeStatus, [event.nodeId]: 'running' } })
        return
      case 'node.chunk':
        if (event.chunk.channel !== 'text') return
        set({ text: { ...s.text, [event.nodeId]: (s.text[event.nodeId] ?? '') + event.chunk.text } })
        return
      case 'node.finished':
        set({
          nodeStatus: { ...s.nodeStatus, [event.result.nodeId]: resultStatus(event.result) },
          results: { ...s.results, [event.result.nodeId]: event.result },
        })
        return
      case 'run.finished': {
        // Nodes never reached (after a failure) stop waiting: they show no badge rather than a stale clock.
        const nodeStatus = Object.fromEntries(
          Object.entries(s.nodeStatus).filter(([, status]) => status !== 'waiting' && status !== 'running'),
        )
        const paused = event.outcome.status === 'paused' ? event.outcome.paused : undefined
        if (paused) nodeStatus[paused.nodeId] = 'paused'
        // Paused is not an end: no outcome, so the bar offers to go on rather than to show a result.
        if (paused) set({ status: 'paused', paused, outcome: undefined, nodeStatus })
        else set({ status: event.outcome.status, outcome: event.outcome, nodeStatus })
        return
      }
      default:
        return
    }
  },
  show(view) {
    set({ paused: undefined, ...view, text: {} })
  },
  setUsage(runId, usage) {
    if (get().runId === runId) set({ usage })
  },
  fail(outcome) {
    set({ status: outcome.status, outcome, nodeStatus: {} })
  },
  clear: () => set(idle),
}))

/** Whether data flowed along an edge in this run: its source fired the edge's port. */
export function edgeFlow(
  s: RunView,
  source: string,
  port: string,
  target: string,
): 'none' | 'flowing' | 'done' {
  const fired = s.results[source]?.ports.includes(port)
  if (!fired) return 'none'
  const t = s.nodeStatus[target]
  return t === 'waiting' || t === 'running' ? 'flowing' : 'done'
}

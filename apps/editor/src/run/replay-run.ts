import { create } from 'zustand'
import { getRun, type RunDetail } from '../api/runs-api.ts'
import { useEditor } from '../editor/editor-store.ts'
import { replayDueUntil, replayPlan } from './replay-plan.ts'
import { stopFollowing } from './run-controller.ts'
import { useRun } from './run-store.ts'

export const REPLAY_SPEEDS = [0.5, 1, 2, 4] as const
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number]

interface ReplayState {
  speed: ReplaySpeed
  /** The run being replayed, while it plays. */
  playing: string | undefined
  /** A run imported from a file: not on this server, so replayed from here. */
  imported: RunDetail | undefined
  /** The flow created for the imported run. */
  importedFlowId: string | undefined
}

export const useReplay = create<ReplayState>()(() => ({
  speed: 1,
  playing: undefined,
  imported: undefined,
  importedFlowId: undefined,
}))

/** How often the replay clock moves: smooth enough for streamed text, cheap enough for a projector laptop. */
const TICK_MS = 50
let stopTimer: (() => void) | undefined

/**
 * Replays a recorded run on the canvas: the same run store a live run moves, fed the run's events at their recorded
 * times divided by the chosen speed (which may change while it plays). Runs nothing and asks the server nothing
 * once the run's details are loaded (an imported run not even that).
 */
export async function replayRun(runId: string): Promise<void> {
  const { imported } = useReplay.getState()
  const detail = imported?.id === runId ? imported : await getRun(runId)
  stopReplay()
  stopFollowing()
  const plan = replayPlan(detail)
  useRun.getState().begin(
    detail.id,
    useEditor.getState().nodes.map((n) => n.id),
    detail.event,
  )
  useReplay.setState({ playing: detail.id })
  let clock = 0
  let next = 0
  let last = performance.now()
  const tick = () => {
    const now = performance.now()
    clock += (now - last) * useReplay.getState().speed
    last = now
    const until = replayDueUntil(plan, next, clock)
    for (const step of plan.slice(next, until)) useRun.getState().apply(step.event)
    next = until
    if (next >= plan.length) {
      useRun.getState().setUsage(detail.id, detail.usage)
      stopReplay()
    }
  }
  const timer = setInterval(tick, TICK_MS)
  stopTimer = () => clearInterval(timer)
  tick()
}

export function stopReplay(): void {
  stopTimer?.()
  stopTimer = undefined
  useReplay.setState({ playing: undefined })
}

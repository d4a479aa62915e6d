import type { PausePoint, PauseRules } from '@zhiliu/engine'

/**
 * Step through (单步运行). A run's pause rules are stored with it, so an execution after a restart pauses by the same
 * rules. `finishRun` with `paused` keeps the run open (no finishedAt) with the node it waits before in
 * `pausedBefore`; `resumePausedRun` moves it on, exactly once.
 */
export interface PauseStore {
  /** Sets the rules a run pauses by; called once it is registered, before it is enqueued. */
  setPauseRules(runId: string, rules: PauseRules): Promise<void>
  /**
   * Moves a `paused` run to `queued` with the rules its next execution pauses by (and the node it lets through),
   * clearing `pausedBefore`, atomically: of concurrent calls exactly one gets true. False when it was not paused.
   */
  resumePausedRun(runId: string, rules: PauseRules): Promise<boolean>
}

/** `finishRun` with `paused`: what the run row becomes (see the dialects' `holdPausedRun`). */
export function pausedPoint(point: PausePoint | undefined): PausePoint {
  if (!point) throw new TypeError('a paused outcome names the node it waits before')
  return point
}

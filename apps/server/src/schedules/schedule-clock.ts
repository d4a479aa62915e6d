/** Time as the scheduler sees it; tests pass a manual clock and move it forward instead of waiting. */
export interface ScheduleClock {
  now(): number
  setTimer(fire: () => void, ms: number): unknown
  clearTimer(handle: unknown): void
}

// setTimeout stores its delay in 32 bits; a longer wait is armed in steps.
export const MAX_TIMER_MS = 2 ** 31 - 1

export const realScheduleClock: ScheduleClock = {
  now: () => Date.now(),
  setTimer(fire, ms) {
    const timer = setTimeout(fire, Math.min(ms, MAX_TIMER_MS))
    // A pending schedule must not keep a process alive that is otherwise done (tests, the CLI).
    timer.unref()
    return timer
  },
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

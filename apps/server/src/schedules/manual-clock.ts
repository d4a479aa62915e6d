import type { ScheduleClock } from './schedule-clock.ts'

/** Test helper: a clock that only moves when told, firing due timers in time order as it goes. */
export function createManualClock(start: number) {
  let now = start
  let seq = 0
  const timers = new Map<number, { at: number; fire: () => void }>()
  const settle = () => new Promise((resolve) => setImmediate(resolve))
  const clock: ScheduleClock & { advance(ms: number): Promise<void>; set(at: number): void } = {
    now: () => now,
    setTimer(fire, ms) {
      timers.set(++seq, { at: now + Math.max(0, ms), fire })
      return seq
    },
    clearTimer: (handle) => {
      timers.delete(handle as number)
    },
    /** The server was down: time passes and no timer fires. */
    set(at) {
      now = at
    },
    async advance(ms) {
      const target = now + ms
      // Let work already under way (a refresh reading the store) arm its timers first.
      for (let i = 0; i < 5; i++) await settle()
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= target)
          .sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        timers.delete(due[0])
        now = due[1].at
        due[1].fire()
        for (let i = 0; i < 5; i++) await settle()
      }
      now = target
    },
  }
  return clock
}

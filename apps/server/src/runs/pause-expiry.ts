import type { AppDeps } from '../app-deps.ts'

const CHECK_EVERY_MS = 30_000

/**
 * Cancels paused runs nobody continued within their idle time: once at start (deadlines that passed while the
 * server was down) and then every 30 s, or more often when the idle time is short. Returns the stop function.
 */
export function startPauseExpiry(deps: Pick<AppDeps, 'runs' | 'logger'>, idleMs: number): () => void {
  const everyMs = Math.max(100, Math.min(CHECK_EVERY_MS, Math.floor(idleMs / 4)))
  let busy = false
  const check = async () => {
    if (busy) return
    busy = true
    try {
      const expired = await deps.runs.expirePaused()
      if (expired.length > 0)
        deps.logger.info({ expired: expired.length }, 'cancelled paused runs past their idle time')
    } catch (err) {
      deps.logger.error({ err }, 'checking paused runs failed')
    } finally {
      busy = false
    }
  }
  void check()
  const timer = setInterval(check, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}

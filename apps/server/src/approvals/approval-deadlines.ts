import type { AppDeps } from '../app-deps.ts'
import { createApprovalService } from './approval-service.ts'

const CHECK_EVERY_MS = 30_000

/**
 * Takes overdue approvals down their `timeout` port: once at start (deadlines that passed while the server was
 * down) and then every 30 s, so a deadline is honoured within that much; and wakes any run left waiting on a called
 * flow that ended. Returns the stop function.
 */
export function startApprovalDeadlines(deps: AppDeps, everyMs = CHECK_EVERY_MS): () => void {
  const approvals = createApprovalService(deps)
  let busy = false
  const check = async () => {
    if (busy) return
    busy = true
    try {
      await approvals.expireOverdue()
      // The same beat wakes runs whose called flow ended unnoticed (see wake-caller.ts).
      await deps.runs.wakeStrandedCallers()
    } catch (err) {
      deps.logger.error({ err }, 'checking approval deadlines failed')
    } finally {
      busy = false
    }
  }
  void check()
  const timer = setInterval(check, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}

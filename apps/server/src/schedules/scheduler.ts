import type { Store } from '@zhiliu/db'
import { SLOT_RETENTION_MS } from '@zhiliu/db'
import type { NodeRegistry } from '@zhiliu/nodes'
import type { Logger } from 'pino'
import { newRunId } from '../runs/new-run-id.ts'
import type { RunService } from '../runs/run-service.ts'
import { SYSTEM_ACCESS } from '../runs/system-access.ts'
import { realScheduleClock, type ScheduleClock } from './schedule-clock.ts'
import { loadSchedulePlan, type SchedulePlan } from './schedule-plan.ts'

export interface Scheduler {
  /** Arms every published schedule and runs the catch-ups `missed: 'runOnce'` asks for. */
  start(): Promise<void>
  /** Re-reads one flow after a publish, roll-back, unpublish or delete. */
  refresh(flowId: string): Promise<void>
  stop(): void
}

// Slot claims older than the retention window are purged, so a catch-up must not look further back than that.
const CATCH_UP_WINDOW_MS = SLOT_RETENTION_MS - 3600_000

/**
 * Runs published flows whose trigger is `trigger.schedule`. Each fire claims its slot — the planned time, not the
 * moment the timer went off — before starting the run, so a restart, a late timer or a second process can never
 * run the same slot twice.
 *
 * Slots missed while the server was down follow the trigger's `missed` setting: `skip` waits for the next slot;
 * `runOnce` fires one catch-up run at start for the most recent missed slot, if it is no older than the time the
 * version was published and within the last ~6 days, and nobody claimed it yet. Slots missed while running
 * (a timer firing late) are never fired twice: the next slot is planned from now.
 */
export function createScheduler(deps: {
  store: Store
  registry: NodeRegistry
  runs: Pick<RunService, 'start'>
  logger: Logger
  clock?: ScheduleClock
}): Scheduler {
  const clock = deps.clock ?? realScheduleClock
  const jobs = new Map<string, { plan: SchedulePlan; timer: unknown }>()
  let stopped = false

  const fire = async (plan: SchedulePlan, slot: number) => {
    const flowId = plan.flow.id
    const runId = newRunId()
    try {
      if (!(await deps.store.claimSlot({ flowId, slot, runId }))) return
      const firedAt = new Date(slot).toISOString()
      await deps.runs.start({
        runId,
        ownerId: plan.flow.ownerId,
        flowId,
        flowVersion: plan.version,
        document: plan.document,
        trigger: 'schedule',
        event: { body: {}, headers: {}, query: {}, method: 'SCHEDULE', firedAt },
      })
      deps.logger.info({ flowId, runId, slot: firedAt }, 'schedule fired')
    } catch (err) {
      deps.logger.error({ err, flowId, slot }, 'schedule could not start its run')
    }
  }

  const arm = (plan: SchedulePlan, after: number) => {
    const next = plan.cron.nextRun(new Date(after))?.getTime()
    if (next === undefined || stopped) return
    const timer = clock.setTimer(() => {
      if (jobs.get(plan.flow.id)?.plan !== plan) return
      // A long wait is armed in steps, and a timer may fire a moment early: plan again until the slot is due.
      if (clock.now() < next) return arm(plan, after)
      void fire(plan, next)
      arm(plan, Math.max(next, clock.now()))
    }, next - clock.now())
    jobs.set(plan.flow.id, { plan, timer })
  }

  const unschedule = (flowId: string) => {
    const job = jobs.get(flowId)
    if (job) clock.clearTimer(job.timer)
    jobs.delete(flowId)
  }

  const schedule = (plan: SchedulePlan) => {
    unschedule(plan.flow.id)
    arm(plan, clock.now())
  }

  const catchUp = async (plan: SchedulePlan) => {
    if (plan.missed !== 'runOnce') return
    const now = clock.now()
    const last = plan.cron.previousRuns(1, new Date(now))[0]?.getTime()
    if (last === undefined || last < plan.publishedAt || now - last > CATCH_UP_WINDOW_MS) return
    await fire(plan, last)
  }

  return {
    async start() {
      for (let offset = 0; ; offset += 200) {
        const page = await deps.store.listFlows(SYSTEM_ACCESS, { limit: 200, offset })
        for (const summary of page.items) {
          if (summary.publishedVersion === null) continue
          const flow = await deps.store.getFlow(SYSTEM_ACCESS, summary.id)
          const plan = flow && (await loadSchedulePlan(deps, flow))
          if (!plan) continue
          await catchUp(plan)
          schedule(plan)
        }
        if (page.items.length < 200) break
      }
      if (jobs.size > 0) deps.logger.info({ schedules: jobs.size }, 'schedules armed')
    },
    async refresh(flowId) {
      const flow = await deps.store.getFlow(SYSTEM_ACCESS, flowId)
      const plan = flow && (await loadSchedulePlan(deps, flow))
      if (plan) schedule(plan)
      else unschedule(flowId)
    },
    stop() {
      stopped = true
      for (const flowId of [...jobs.keys()]) unschedule(flowId)
    },
  }
}

import type { FlowRecord, Store } from '@zhiliu/db'
import type { Flow, NodeRegistry } from '@zhiliu/nodes'
import { Cron } from 'croner'
import { z } from 'zod'
import { findTrigger } from '../runs/check-trigger-input.ts'
import { SYSTEM_ACCESS } from '../runs/system-access.ts'

const ScheduleSettings = z.object({
  cron: z.string(),
  timezone: z.string(),
  missed: z.enum(['skip', 'runOnce']),
})

/** A published flow that runs on a schedule, with what firing it needs. */
export interface SchedulePlan {
  flow: FlowRecord
  version: number
  publishedAt: number
  document: Flow
  missed: 'skip' | 'runOnce'
  /** Paused: only used to compute fire times, never to run callbacks. */
  cron: Cron
}

/** The schedule of a flow's published version, or undefined when it is not published or not a schedule. */
export async function loadSchedulePlan(
  deps: { store: Store; registry: NodeRegistry },
  flow: FlowRecord,
): Promise<SchedulePlan | undefined> {
  if (flow.publishedVersion === null) return undefined
  const version = await deps.store.getFlowVersion(SYSTEM_ACCESS, flow.id, flow.publishedVersion)
  const trigger = version && findTrigger(version.document, deps.registry)
  if (!version || trigger?.node.type !== 'trigger.schedule') return undefined
  // Read through the trigger's own schema, so defaults (Asia/Shanghai, skip) and its cron checks apply.
  const config = trigger.def.config.safeParse(trigger.node.config)
  const settings = config.success ? ScheduleSettings.safeParse(config.data) : undefined
  if (!settings?.success) return undefined
  const { cron, timezone, missed } = settings.data
  return {
    flow,
    version: version.version,
    publishedAt: version.publishedAt,
    document: version.document,
    missed,
    cron: new Cron(cron.trim(), { timezone, paused: true, mode: '5-part' }),
  }
}

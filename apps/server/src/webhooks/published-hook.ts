import type { FlowSummary, Store } from '@zhiliu/db'
import type { Flow, NodeRegistry } from '@zhiliu/nodes'
import { z } from 'zod'
import { ApiError } from '../http/api-error.ts'
import { type FlowTrigger, findTrigger } from '../runs/check-trigger-input.ts'
import type { DocumentSource } from '../runs/run-documents.ts'
import { SYSTEM_ACCESS } from '../runs/system-access.ts'

/** The webhook trigger's settings, read after the trigger's own schema applied its defaults. */
const HookSettings = z.object({
  path: z.string().optional(),
  responseMode: z.enum(['sync', 'async', 'stream']),
  timeoutMs: z.number().int(),
  signing: z.boolean(),
  maxPerMinute: z.number().int(),
})
export type HookSettings = z.infer<typeof HookSettings>

/** Everything a call needs about the published version, worked out once per version. */
export interface PublishedHook {
  flow: FlowSummary
  version: number
  document: Flow
  trigger: FlowTrigger
  settings: HookSettings
}

type HookPlan = Omit<PublishedHook, 'flow' | 'version'>

/**
 * Finds the flow a webhook call is for and the published version it runs. The flow row is read on every call (a
 * publish, roll-back or unpublish must take effect at once, even one made by another process on the same
 * database), but without its draft document, which a call never runs; the version's plan is cached, being
 * immutable.
 */
export function createHookResolver(deps: {
  store: Store
  registry: NodeRegistry
  documents: DocumentSource
}) {
  const plans = new Map<string, HookPlan>()

  const planFor = async (flow: FlowSummary, version: number): Promise<HookPlan> => {
    const key = `${flow.id}@${version}`
    const cached = plans.get(key)
    if (cached) return cached
    const document = await deps.documents.version(flow.id, version)
    const trigger = document && findTrigger(document, deps.registry)
    if (!document || trigger?.node.type !== 'trigger.webhook') throw noWebhook()
    const config = trigger.def.config.safeParse(trigger.node.config)
    const settings = config.success ? HookSettings.safeParse(config.data) : undefined
    if (!settings?.success) throw noWebhook()
    const plan = { document, trigger, settings: settings.data }
    plans.set(key, plan)
    if (plans.size > 500) plans.delete(plans.keys().next().value as string)
    return plan
  }

  return async function resolve(target: { flowId: string } | { path: string }): Promise<PublishedHook> {
    const flow =
      'flowId' in target
        ? await deps.store.getFlowSummary(SYSTEM_ACCESS, target.flowId)
        : await deps.store.findFlowByWebhookPath(target.path)
    if (!flow) throw ApiError.notFound('Webhook')
    const version = flow.publishedVersion
    if (version === null) {
      throw new ApiError(
        404,
        'FLOW_NOT_PUBLISHED',
        'This flow has not been published: webhooks run the published version. Publish it in the editor first.',
      )
    }
    const plan = await planFor(flow, version)
    // The path column follows the draft; the published version decides which path it answers to.
    if ('path' in target && plan.settings.path !== target.path) throw ApiError.notFound('Webhook')
    return { ...plan, flow, version }
  }
}

function noWebhook(): ApiError {
  return new ApiError(
    404,
    'NOT_FOUND',
    'The published version of this flow does not start with a webhook trigger',
  )
}

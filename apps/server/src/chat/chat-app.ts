import type { FlowSummary, Store } from '@zhiliu/db'
import type { NodeRegistry } from '@zhiliu/nodes'
import { ChatSettings, type Flow } from '@zhiliu/nodes'
import { ApiError } from '../http/api-error.ts'
import { findTrigger } from '../runs/check-trigger-input.ts'
import type { DocumentSource } from '../runs/run-documents.ts'
import { SYSTEM_ACCESS } from '../runs/system-access.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A published flow that starts with `trigger.chat`: what the chat page, widget and API serve. */
export interface ChatApp {
  flow: FlowSummary
  version: number
  document: Flow
  settings: ChatSettings
}

/** What a visitor may see of an app's settings: never the access code itself, nor anything of the flow. */
export function publicSettings(app: ChatApp) {
  const { title, opening, suggestions } = app.settings
  return {
    title: title || app.document.name,
    opening,
    suggestions: suggestions
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(0, 6),
    accessCode: app.settings.accessCode !== '',
  }
}

/**
 * Finds the chat app behind `/chat/<slug>`: the flow whose published version's chat trigger claimed the slug (it
 * shares the webhook paths' column), or the flow with that id. Read on every call, so an unpublish takes effect
 * at once; the immutable version's settings are cached.
 */
export function createChatApps(deps: { store: Store; registry: NodeRegistry; documents: DocumentSource }) {
  const plans = new Map<string, Omit<ChatApp, 'flow' | 'version'>>()
  const notFound = () => ApiError.notFound('Chat app')

  const planFor = async (flow: FlowSummary, version: number) => {
    const key = `${flow.id}@${version}`
    const cached = plans.get(key)
    if (cached) return cached
    const document = await deps.documents.version(flow.id, version)
    const trigger = document && findTrigger(document, deps.registry)
    if (!document || trigger?.node.type !== 'trigger.chat') throw notFound()
    const settings = ChatSettings.safeParse(trigger.node.config)
    if (!settings.success) throw notFound()
    const plan = { document, settings: settings.data }
    plans.set(key, plan)
    if (plans.size > 500) plans.delete(plans.keys().next().value as string)
    return plan
  }

  return async function resolve(slug: string): Promise<ChatApp> {
    const flow = UUID.test(slug)
      ? await deps.store.getFlowSummary(SYSTEM_ACCESS, slug)
      : await deps.store.findFlowByWebhookPath(slug)
    // An unpublished app is simply not there for the public.
    if (!flow || flow.publishedVersion === null) throw notFound()
    const plan = await planFor(flow, flow.publishedVersion)
    if (!UUID.test(slug) && plan.settings.slug !== slug) throw notFound()
    return { ...plan, flow, version: flow.publishedVersion }
  }
}

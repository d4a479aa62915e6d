import type { Flow } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { chainFlow, ownerAccess, storeFlow } from '../runs/test-kit.ts'

type NodeSpec = Parameters<typeof chainFlow>[0][number]

/** A flow that starts with a webhook trigger configured by `trigger`, then runs `nodes` in a chain. */
export function hookFlow(trigger: Record<string, unknown>, nodes: NodeSpec[]): Flow {
  return chainFlow([{ id: 'trigger', type: 'trigger.webhook', config: trigger }, ...nodes], 'hook')
}

/** Stores the flow for the owner and publishes it; returns its id. */
export async function publishHook(deps: AppDeps, document: Flow, options: { publish?: boolean } = {}) {
  const access = await ownerAccess(deps)
  const webhookPath =
    typeof document.nodes[0]?.config.path === 'string' ? document.nodes[0].config.path : undefined
  const flow = await storeFlow(deps, access, document, { publish: options.publish ?? true, webhookPath })
  return flow.id
}

export async function runCount(deps: AppDeps): Promise<number> {
  return (await deps.store.listRuns(await ownerAccess(deps))).items.length
}

export const echo: NodeSpec = {
  id: 'reply',
  type: 'flow.respond',
  config: {
    status: 201,
    headers: [
      { key: 'x-id', value: '{{ trigger.body.id }}' },
      // Not a valid header value: left out, the call still succeeds.
      { key: 'x-title', value: '{{ trigger.body.title }}' },
    ],
    body: { got: '{{ trigger.body }}' },
  },
}

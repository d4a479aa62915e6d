import type { Store } from '@zhiliu/db'
import type { Flow } from '@zhiliu/nodes'
import { ApiError } from '../http/api-error.ts'
import { SYSTEM_ACCESS } from '../runs/system-access.ts'

/** The flows a document calls: `flow.call` nodes and agents' flow tools. */
export function calledFlowIds(document: Flow): string[] {
  const ids = document.nodes.flatMap((node) => {
    const config = (node.config ?? {}) as { flowId?: unknown; flowTools?: unknown }
    if (node.type === 'flow.call' && typeof config.flowId === 'string') return [config.flowId]
    if (node.type === 'ai.agent' && Array.isArray(config.flowTools)) {
      return config.flowTools.filter((id): id is string => typeof id === 'string')
    }
    return []
  })
  return [...new Set(ids.filter(Boolean))]
}

/**
 * Refuses to publish a flow that would call itself through the published versions of the flows it calls
 * (A → B → A), naming the flows in order. A cycle made later, by editing a draft, is stopped at run time by the
 * depth limit (see runs/flow-caller.ts).
 */
export async function refuseCallCycle(store: Store, flowId: string, document: Flow): Promise<void> {
  const names = new Map<string, string>([[flowId, document.name]])
  const published = async (id: string): Promise<Flow | undefined> => {
    const flow = await store.getFlow(SYSTEM_ACCESS, id)
    if (!flow || flow.publishedVersion === null) return undefined
    names.set(id, flow.name)
    return (await store.getFlowVersion(SYSTEM_ACCESS, id, flow.publishedVersion))?.document
  }
  const done = new Set<string>()
  const walk = async (doc: Flow, path: string[]): Promise<string[] | undefined> => {
    for (const next of calledFlowIds(doc)) {
      if (next === flowId) return [...path, next]
      if (done.has(next) || path.includes(next)) continue
      const nextDoc = await published(next)
      const cycle = nextDoc && (await walk(nextDoc, [...path, next]))
      if (cycle) return cycle
      done.add(next)
    }
    return undefined
  }
  const cycle = await walk(document, [flowId])
  if (!cycle) return
  const named = cycle.map((id) => names.get(id) ?? id)
  throw new ApiError(
    409,
    'FLOW_CALL_CYCLE',
    `these flows would call each other in a loop: ${named.join(' → ')}; remove one of the calls`,
    { flows: cycle.map((id) => ({ id, name: names.get(id) ?? id })) },
  )
}

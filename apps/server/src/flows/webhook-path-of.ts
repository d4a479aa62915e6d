import type { Flow, NodeRegistry } from '@zhiliu/nodes'
import { ApiError } from '../http/api-error.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * A chat app's address (`/chat/<slug>`) shares the webhook paths' column, so one name means one flow on the server
 * and the store's unique index keeps two flows from claiming it.
 */
const PATH_FIELDS: Record<string, string> = { 'trigger.webhook': 'path', 'trigger.chat': 'slug' }

/**
 * The custom webhook path (or chat address) a document asks for: the `path` of its first webhook trigger, read through that
 * trigger's own config schema, so a value the trigger would reject is never claimed. Null when there is none.
 * A path shaped like a flow id is refused: `/hooks/<id>` must always mean that flow, never someone's custom path.
 */
export function webhookPathOf(document: Flow, registry: NodeRegistry): string | null {
  for (const node of document.nodes) {
    const field = PATH_FIELDS[node.type]
    if (!field) continue
    const parsed = registry.get(node.type, node.version)?.config.safeParse(node.config)
    const path = parsed?.success ? (parsed.data as Record<string, unknown>)[field] : undefined
    if (typeof path !== 'string' || path === '') return null
    if (UUID.test(path)) {
      throw new ApiError(
        409,
        'WEBHOOK_PATH_TAKEN',
        `The webhook path "${path}" looks like a flow id; pick another`,
        {
          nodeId: node.id,
          path: ['nodes', document.nodes.indexOf(node), 'config', field],
        },
      )
    }
    return path
  }
  return null
}

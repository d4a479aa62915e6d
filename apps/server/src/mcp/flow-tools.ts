import type { Access, FlowSummary, User } from '@zhiliu/db'
import type { Flow } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { checkTriggerInput, findTrigger } from '../runs/check-trigger-input.ts'
import { flowToolSchema, type ToolInputSchema } from './flow-tool-schema.ts'
import { type ToolAnswer, toolAnswer, toolError } from './tool-answer.ts'

/** One published flow offered as an MCP tool. */
export interface FlowTool {
  name: string
  title: string
  description: string
  inputSchema: ToolInputSchema
}

const TOOL_PREFIX = 'flow_'
const PAGE = 200
// How long a tool call waits for the flow; a webhook trigger's own wait limit wins when it has one.
const DEFAULT_WAIT_MS = 60_000

/** Tool names allow [A-Za-z0-9_.-] only, so they carry the flow's id; the flow's name is the tool's title. */
export const toolNameOf = (flowId: string) => `${TOOL_PREFIX}${flowId}`

/**
 * The flows a user serves at `/mcp`: their own flows (an owner too: an assistant is one person's, and the owner's
 * view of everyone's flows would fill it with strangers' tools) whose published version has `settings.mcpTool`.
 * Read from the store on every request, so a publish or unpublish by any process takes effect at once; published
 * documents come from the run service's immutable version cache.
 */
export function createFlowTools(deps: Pick<AppDeps, 'store' | 'registry' | 'runs' | 'now'>) {
  const ownAccess = (user: User): Access => ({ userId: user.id, all: false })

  const toolOf = async (flow: FlowSummary): Promise<{ tool: FlowTool; document: Flow } | undefined> => {
    if (flow.publishedVersion === null) return undefined
    const document = await deps.runs.documents.version(flow.id, flow.publishedVersion)
    if (!document?.settings.mcpTool) return undefined
    const tool = {
      name: toolNameOf(flow.id),
      title: document.name,
      description: document.description?.trim() || document.name,
      inputSchema: flowToolSchema(findTrigger(document, deps.registry)),
    }
    return { tool, document }
  }

  const list = async (user: User): Promise<FlowTool[]> => {
    const tools: FlowTool[] = []
    for (let offset = 0; ; offset += PAGE) {
      const page = await deps.store.listFlows(ownAccess(user), { limit: PAGE, offset })
      for (const flow of page.items) {
        if (flow.ownerId !== user.id) continue
        const found = await toolOf(flow)
        if (found) tools.push(found.tool)
      }
      if (page.items.length < PAGE) return tools
    }
  }

  /** Undefined when the user has no such tool (unknown, another user's, unpublished or switched off). */
  const call = async (user: User, name: string, args: unknown): Promise<ToolAnswer | undefined> => {
    if (!name.startsWith(TOOL_PREFIX)) return undefined
    const flow = await deps.store.getFlowSummary(ownAccess(user), name.slice(TOOL_PREFIX.length))
    const found = flow && flow.ownerId === user.id ? await toolOf(flow) : undefined
    if (!flow || !found || flow.publishedVersion === null) return undefined
    const trigger = findTrigger(found.document, deps.registry)
    const body = args ?? {}
    try {
      checkTriggerInput(trigger, body)
    } catch (error) {
      if (error instanceof ApiError) return toolError(error.message)
      throw error
    }
    const { runId } = await deps.runs.start({
      ownerId: flow.ownerId,
      flowId: flow.id,
      flowVersion: flow.publishedVersion,
      document: found.document,
      // Recorded as an outside call, like a webhook: a new trigger kind would need a migration of both stores.
      trigger: 'webhook',
      event: { body, headers: {}, query: {}, method: 'POST', firedAt: new Date(deps.now()).toISOString() },
    })
    const waitMs = waitLimitOf(trigger?.node.config) ?? DEFAULT_WAIT_MS
    return toolAnswer(await deps.runs.waitFor(runId, { until: 'respond', timeoutMs: waitMs }), runId)
  }

  return { list, call }
}

export type FlowTools = ReturnType<typeof createFlowTools>

function waitLimitOf(config: Record<string, unknown> | undefined): number | undefined {
  const value = config?.timeoutMs
  return typeof value === 'number' && value > 0 ? value : undefined
}

import {
  type AnyNodeDefinition,
  type Flow,
  type FlowNode,
  isTrigger,
  NodeError,
  type NodeRegistry,
  validateBody,
} from '@zhiliu/nodes'
import { z } from 'zod'
import { ApiError } from '../http/api-error.ts'

export interface FlowTrigger {
  node: FlowNode
  def: AnyNodeDefinition
}

/** The flow's top-level trigger node, if it has one the registry knows. */
export function findTrigger(document: Flow, registry: NodeRegistry): FlowTrigger | undefined {
  for (const node of document.nodes) {
    if (node.parentId !== undefined) continue
    const def = registry.get(node.type, node.version)
    if (def && isTrigger(def)) return { node, def }
  }
  return undefined
}

const WithInputSchema = z.object({ inputSchema: z.array(z.unknown()) })
type InputFields = Parameters<typeof validateBody>[0]

// Published documents are cached and immutable, so their trigger nodes are the same objects call after call.
const fieldsByNode = new WeakMap<FlowNode, InputFields | null>()

function inputFieldsOf(trigger: FlowTrigger): InputFields | null {
  let fields = fieldsByNode.get(trigger.node)
  if (fields === undefined) {
    const config = trigger.def.config.safeParse(trigger.node.config)
    const ok = config.success && WithInputSchema.safeParse(config.data).success
    const declared = ok ? (config.data as { inputSchema: InputFields }).inputSchema : []
    // No declared field accepts any body: nothing to check per call.
    fields = declared.length > 0 ? declared : null
    fieldsByNode.set(trigger.node, fields)
  }
  return fields
}

/**
 * Refuses a body the trigger's declared input fields would refuse, before any run row exists: 400 INPUT_INVALID
 * naming every bad field. The trigger node runs the same check again inside the run; this only answers earlier.
 * A trigger whose config does not parse is left to fail inside the run, where the node error points at it.
 */
export function checkTriggerInput(trigger: FlowTrigger | undefined, body: unknown): void {
  const inputSchema = trigger && inputFieldsOf(trigger)
  if (!inputSchema) return
  try {
    validateBody(inputSchema, body)
  } catch (error) {
    if (!(error instanceof NodeError)) throw error
    // Same `issues` list as a VALIDATION_FAILED answer, so a client shows both the same way.
    const issues = Array.isArray(error.details) ? error.details : []
    throw ApiError.badRequest('INPUT_INVALID', error.message, { issues })
  }
}

import { type Flow, type FlowNode, hintsOf, type NodeRegistry } from '@zhiliu/nodes'
import { z } from 'zod'
import { isSensitiveKey, REDACTED, type Redactor } from '../security/redact.ts'

/**
 * The flow as a class may see it, and as a student's copy starts: the graph, names and settings, with every
 * credential field left out (a credential id names someone else's secret), the value of every secret-looking
 * header or query row and key hidden, and anything the server has decrypted redacted from the strings. Nothing
 * else of the flow travels but its sample input: no webhook path or secret, no chat address or access code, no
 * runs, no owner.
 */
export function sharedDocument(flow: Flow, registry: NodeRegistry, redactor: Redactor): Flow {
  const document: Flow = {
    schemaVersion: flow.schemaVersion,
    name: flow.name,
    ...(flow.description ? { description: flow.description } : {}),
    nodes: flow.nodes.map((node) => ({ ...node, config: sharedConfig(node, registry) })),
    edges: flow.edges,
    settings: flow.settings,
    // The lesson's example input, which the teacher wrote for the class (unlike run inputs, which stay private).
    ...(flow.sampleInput === undefined ? {} : { sampleInput: flow.sampleInput }),
  }
  return redactor.redact(document) as Flow
}

function sharedConfig(node: FlowNode, registry: NodeRegistry): Record<string, unknown> {
  const config = registry.get(node.type, node.version)?.config
  // A type this server does not know: nothing says which of its fields are secret, so none is shown.
  if (!(config instanceof z.ZodObject)) return {}
  const shape = config.shape as Record<string, z.ZodType>
  const shown: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(node.config)) {
    const widget = shape[name] ? hintsOf(shape[name])?.widget : undefined
    if (widget === 'credential') continue
    // A custom webhook path is the lesson flow's own address; a copy claiming it would be refused.
    if (node.type === 'trigger.webhook' && name === 'path') continue
    // Likewise a chat app's address; and its access code is the owner's to hand out, not the class's.
    if (node.type === 'trigger.chat' && (name === 'slug' || name === 'accessCode')) continue
    shown[name] = widget === 'key-value' ? hideSecretRows(value) : value
  }
  return shown
}

function hideSecretRows(rows: unknown): unknown {
  if (!Array.isArray(rows)) return rows
  return rows.map((row) =>
    row && typeof row === 'object' && typeof row.key === 'string' && isSensitiveKey(row.key.trim())
      ? { ...row, value: REDACTED }
      : row,
  )
}

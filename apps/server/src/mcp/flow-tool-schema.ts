import { bodySchemaFor, type InputField } from '@zhiliu/nodes'
import { z } from 'zod'
import type { FlowTrigger } from '../runs/check-trigger-input.ts'

/** MCP requires a tool's input to be an object; a trigger without declared fields takes any object. */
const ANY_OBJECT = { type: 'object', additionalProperties: true } as const

const WithInputSchema = z.object({ inputSchema: z.array(z.unknown()) })

export type ToolInputSchema = { type: 'object'; [key: string]: unknown }

/**
 * A flow tool's input as JSON Schema, from its trigger's declared fields: the same zod schema the trigger checks
 * a body with, written out by zod (field descriptions become the properties' descriptions).
 */
export function flowToolSchema(trigger: FlowTrigger | undefined): ToolInputSchema {
  const config = trigger?.def.config.safeParse(trigger.node.config)
  if (!config?.success || !WithInputSchema.safeParse(config.data).success) return { ...ANY_OBJECT }
  const fields = (config.data as { inputSchema: InputField[] }).inputSchema
  if (fields.length === 0) return { ...ANY_OBJECT }
  const { $schema: _, ...schema } = z.toJSONSchema(bodySchemaFor(fields), { io: 'input' })
  return { ...schema, type: 'object' }
}

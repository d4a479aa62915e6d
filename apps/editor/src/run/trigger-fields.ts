import { entryFor } from '../catalogue/catalogue-store.ts'
import type { CanvasNode } from '../editor/flow-mapping.ts'

export type InputKind = 'string' | 'number' | 'boolean' | 'object' | 'array'

/** One input the trigger declares, as the test-input form needs it. */
export interface TriggerField {
  name: string
  type: InputKind
  required: boolean
  description: string
}

const kinds: readonly InputKind[] = ['string', 'number', 'boolean', 'object', 'array']

export function findTrigger(nodes: readonly CanvasNode[]): CanvasNode | undefined {
  return nodes.find((n) => entryFor(n.data.type, n.data.version)?.category === 'trigger')
}

/** A chat trigger's one input in the editor's Run form: the question (its conversation is the editor's own). */
const CHAT_FIELDS: TriggerField[] = [{ name: 'message', type: 'string', required: true, description: '' }]

/**
 * The declared input fields of the flow's trigger (manual or webhook), read defensively from its config — a canvas
 * node's `data.config` or a flow document node's `config`; a chat trigger (`type`) asks for the question.
 */
export function triggerFields(
  config: Readonly<Record<string, unknown>> | undefined,
  type?: string,
): TriggerField[] {
  if (type === 'trigger.chat') return CHAT_FIELDS
  const list = config?.inputSchema
  if (!Array.isArray(list)) return []
  return list.flatMap((item): TriggerField[] => {
    if (typeof item !== 'object' || item === null) return []
    const f = item as Record<string, unknown>
    if (typeof f.name !== 'string' || !f.name) return []
    const type = kinds.find((k) => k === f.type) ?? 'string'
    return [
      {
        name: f.name,
        type,
        required: f.required === true,
        description: typeof f.description === 'string' ? f.description : '',
      },
    ]
  })
}

/** Form text → the value the trigger expects; undefined when a field is left empty. */
export function parseFieldValue(kind: InputKind, text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined }
  if (kind === 'string') return { ok: true, value: text }
  if (kind === 'number') {
    const n = Number(text)
    return Number.isFinite(n) ? { ok: true, value: n } : { ok: false }
  }
  if (kind === 'boolean') return { ok: true, value: text === 'true' }
  try {
    const value: unknown = JSON.parse(text)
    const fits =
      kind === 'array'
        ? Array.isArray(value)
        : typeof value === 'object' && value !== null && !Array.isArray(value)
    return fits ? { ok: true, value } : { ok: false }
  } catch {
    return { ok: false }
  }
}

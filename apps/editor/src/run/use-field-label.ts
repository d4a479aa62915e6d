import { useEntry } from '../catalogue/catalogue-store.ts'
import { fieldsOf } from '../catalogue/schema-fields.ts'
import { useEditor } from '../editor/editor-store.ts'
import { useLocalize } from '../i18n/use-locale.ts'

/**
 * The label a node's settings form shows for the field a recorded error names (`details.field`, a config key such as
 * `filename`), so the message says “文件名”, not `filename`. Undefined when the node or field is not on the canvas.
 */
export function useFieldLabel(nodeId: string | undefined, error: { details?: unknown } | undefined) {
  // Primitives, so dragging nodes does not re-render the message.
  const type = useEditor((s) => s.nodes.find((n) => n.id === nodeId)?.data.type ?? '')
  const version = useEditor((s) => s.nodes.find((n) => n.id === nodeId)?.data.version ?? 0)
  const entry = useEntry(type, version)
  const localize = useLocalize()
  const key = (error?.details as { field?: unknown } | undefined)?.field
  if (typeof key !== 'string' || !entry) return undefined
  const field = fieldsOf(entry.configSchema).find((f) => f.key === key.split(/[.[]/)[0])
  return field?.ui ? localize(field.ui.label) : undefined
}

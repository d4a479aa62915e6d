import type { Locale } from '@zhiliu/nodes'
import { outputSchemaFor } from '../config/output-schema.ts'
import { childSchema, fieldLabel } from '../config/variable-labels.ts'
import type { NodeData } from '../editor/flow-mapping.ts'
import { liveFields, liveFieldsLine } from './live-fields.ts'

/**
 * What a running node has written so far, for people: a structured answer as its fields, labelled as the picker
 * labels them ("本期策划主题：…"), any other text as it is.
 */
export function liveText(
  text: string,
  node: Pick<NodeData, 'type' | 'version' | 'config'>,
  locale: Locale,
): string {
  const fields = liveFields(text)
  if (!fields) return text
  const data = childSchema(outputSchemaFor(node.type, node.version, node.config), 'data')
  return liveFieldsLine(fields, (key) => fieldLabel(key, childSchema(data, key), locale))
}

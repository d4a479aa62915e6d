/** One turn of a conversation as the form shows it; other keys a turn carries (`reasoning`) are kept as they are. */
export interface MessageRow {
  role: 'user' | 'assistant'
  content: string
  [key: string]: unknown
}

const isRow = (v: unknown): v is MessageRow =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  ((v as MessageRow).role === 'user' || (v as MessageRow).role === 'assistant') &&
  typeof (v as MessageRow).content === 'string'

/**
 * The rows a conversation field can be edited as, or undefined when only JSON can show it faithfully: a template
 * (`{{ nodes.memory.messages }}`), text, or a list with something other than user/assistant turns in it.
 */
export function messageRowsOf(value: unknown): MessageRow[] | undefined {
  if (value === undefined || value === null || value === '') return []
  if (!Array.isArray(value)) return undefined
  return value.every(isRow) ? value : undefined
}

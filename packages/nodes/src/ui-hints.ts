import type { z } from 'zod'
import type { Localized } from './localized.ts'

/** Which form control the editor draws for a config field. */
export type Widget =
  | 'text'
  | 'textarea'
  | 'template'
  | 'select'
  | 'number'
  | 'switch'
  | 'key-value'
  | 'json'
  | 'credential'
  | 'model'
  | 'expression'
  | 'list'
  | 'conditions'
  /** A conversation: rows of who spoke (user or assistant) and what was said, with JSON as an option. */
  | 'messages'
  /** A template field with a file picker beside it that uploads to the server's media store and fills in the address. */
  | 'media'
  /** A picker of the flows the user may run; the value is a flow id. */
  | 'flow'
  /** Several flows (ids), as tools. */
  | 'flows'
  /** The chosen flow's (the `flowId` field beside it) input fields as a form; the value maps field names to values. */
  | 'flow-inputs'
  /** Knowledge bases of the person editing, picked from a list (their ids are stored). */
  | 'knowledge-bases'
  /** A tool of the MCP server chosen in the `server` field beside it, from the list the server fetches. */
  | 'mcp-tool'
  /** The chosen MCP tool's (the `tool` field beside it) arguments as a form from its input schema; templates. */
  | 'mcp-arguments'
  /** An agent's tools from outside the flow: the person's knowledge bases and MCP server credentials, ticked. */
  | 'tool-sources'
  /** Which of the offline demo model's scripted answers to give, picked by the template that brings it. */
  | 'demo-script'

export interface FieldHints {
  widget: Widget
  label: Localized
  placeholder?: Localized
  help?: Localized
  /** Labels for a select's options, keyed by option value. */
  options?: Record<string, Localized>
  /** For `credential`: which credential type the picker lists. */
  credentialType?: string
  /** For `credential`: the picker also offers the built-in demo receiver (演示接收端, see publish/demo-receiver.ts). */
  demoReceiver?: boolean
  /** For `media`: which files the picker offers, as in `<input accept>`, e.g. `image/*` or `audio/*`. */
  accept?: 'image/*' | 'audio/*'
  /**
   * Whether `{{ … }}` in this field is rendered before the node runs. Defaults to true for text-like widgets and
   * false for `expression` (JSONata has its own syntax), `select`, `number`, `switch`, `credential` and `model`.
   */
  template?: boolean
  /**
   * Shown in the editor only while another field of the same config holds one of these values (its default when
   * unset): for fields that matter only then, like the AI review's model while the review is switched off. A hidden
   * field keeps its value, and one with a problem is shown anyway.
   */
  shownWhen?: { field: string; is: readonly (string | number | boolean)[] }
  /**
   * The node cannot work with this field empty, although its schema takes an empty value (a template may still
   * render to one at run time): validation reports it left empty, and the editor marks it required.
   */
  required?: boolean
}

const untemplated: ReadonlySet<Widget> = new Set([
  'expression',
  'select',
  'number',
  'switch',
  'credential',
  'model',
  'flow',
  'flows',
  'knowledge-bases',
  'mcp-tool',
  'tool-sources',
  'demo-script',
])

/**
 * Attaches UI hints to a config field. They travel as zod metadata, so `z.toJSONSchema` carries them into the
 * catalogue the editor and the API read: the definition stays the only place a field is described.
 */
export function field<T extends z.ZodType>(schema: T, hints: FieldHints): T {
  return schema.meta({ ui: hints }) as T
}

export function hintsOf(schema: z.ZodType): FieldHints | undefined {
  const meta = schema.meta() as { ui?: FieldHints } | undefined
  return meta?.ui
}

export function isTemplated(hints: FieldHints | undefined): boolean {
  if (!hints) return true
  return hints.template ?? !untemplated.has(hints.widget)
}

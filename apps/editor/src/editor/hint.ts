import type { Localized } from '@zhiliu/nodes'

/**
 * A short message for the person: either an i18n key of the editor's own, or a text that already exists in both
 * languages (the validator's problems, the server's node titles). Kept as data so it follows a language switch.
 */
export type Hint =
  | { key: string; values?: Record<string, string | number>; tone?: 'info' | 'error' }
  | { text: Localized; tone?: 'info' | 'error' }

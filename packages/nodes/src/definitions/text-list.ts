import { toText } from './to-text.ts'

const LINES_AND_COMMAS = /[\r\n,，、;；]+/
const ANY_SEPARATOR = /[\s,，、;；]+/

/**
 * A list a person types into one box (one item per line, or separated by commas, 、 or ；) or hands over whole with a
 * single `{{ }}` reference. Items are trimmed, and blanks and repeats dropped. Spaces split items only when told, so
 * a phrase such as "bad word" can stay one item.
 */
export function readTextList(value: unknown, options: { splitOnSpaces?: boolean } = {}): string[] {
  const separator = options.splitOnSpaces ? ANY_SEPARATOR : LINES_AND_COMMAS
  const parts = Array.isArray(value) ? value.map((item) => toText(item)) : toText(value).split(separator)
  return [...new Set(parts.map((part) => part.trim()).filter(Boolean))]
}

import { toText } from './to-text.ts'

// Template output is usually text, so "82" must read as a number and "是" as yes. Hex, blanks and the like do not:
// Number('') is 0 and Number('0x1f') is 31, neither of which is what a person typing a number means.
const numeric = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i
const yes = new Set(['true', '1', 'yes', 'y', 'on', '是', '对'])
const no = new Set(['false', '0', 'no', 'n', 'off', '否', '不', '不是'])

/** A finite number, or a string spelling one in plain decimal; undefined otherwise. */
export function readNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string' || !numeric.test(value.trim())) return undefined
  const number = Number(value.trim())
  return Number.isFinite(number) ? number : undefined
}

/** true or false for the usual ways of saying yes or no (in English or Chinese); undefined for anything else. */
export function readYesNo(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  const text = toText(value).trim().toLowerCase()
  if (yes.has(text)) return true
  if (no.has(text)) return false
  return undefined
}

import { type Locale, outputFieldLabels } from '@zhiliu/nodes'

/** One piece of a result as people read it: formatted text, a link, a plain value, or a labelled group. */
export type ReadablePart =
  | { kind: 'markdown'; label?: string; text: string }
  | { kind: 'link'; label?: string; href: string }
  | { kind: 'value'; label?: string; text: string }
  | { kind: 'group'; label?: string; parts: ReadablePart[] }

// The run bar's cost line already says what models used; repeating it under every answer is noise.
const HIDDEN = new Set(['usage', 'cost'])
const MAX_DEPTH = 4
const MAX_ITEMS = 50
const ADDRESS_KEY = /^(url|link|href)$|Url$/

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * A link a person can click, absolute so it can be copied and shared: `http(s)://…` as is, and, under an address
 * field (`url`, `atomUrl`…), a path on this server (`/p/台风预警`) resolved against `origin`. Nothing else
 * (`javascript:`, `data:`, a file path that is not an address) ever becomes a link.
 */
export function addressOf(text: string, key: string | undefined, origin: string): string | undefined {
  if (/^https?:\/\/\S+$/i.test(text)) return text
  if (key && ADDRESS_KEY.test(key) && /^\/(?!\/)\S*$/.test(text)) return new URL(text, origin).href
  return undefined
}

function partOf(key: string | undefined, value: unknown, locale: Locale, origin: string, depth: number) {
  const label =
    key === undefined ? undefined : /^\d+$/.test(key) ? `#${Number(key) + 1}` : labelOf(key, locale)
  if (typeof value === 'string') {
    const href = addressOf(value.trim(), key, origin)
    return href ? { kind: 'link' as const, label, href } : { kind: 'markdown' as const, label, text: value }
  }
  if (typeof value === 'boolean')
    return {
      kind: 'value' as const,
      label,
      text: locale === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否',
    }
  if (typeof value === 'number') return { kind: 'value' as const, label, text: String(value) }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return { kind: 'markdown' as const, label, text: value.map((v) => `- ${v}`).join('\n') }
  if (depth >= MAX_DEPTH) return { kind: 'value' as const, label, text: JSON.stringify(value) }
  return { kind: 'group' as const, label, parts: readableParts(value, locale, origin, depth + 1) }
}

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (isObject(v) && Object.keys(v).length === 0)

const labelOf = (key: string, locale: Locale) => outputFieldLabels[key]?.[locale] ?? key

/**
 * A node's or a run's result laid out for reading: text as Markdown, addresses as links, lists and objects as
 * labelled groups, empty values left out. The JSON stays available beside it; this is only how it is shown.
 */
export function readableParts(value: unknown, locale: Locale, origin: string, depth = 0): ReadablePart[] {
  if (value === null || value === undefined || value === '') return []
  if (Array.isArray(value))
    return value.slice(0, MAX_ITEMS).map((v, i) => partOf(String(i), v, locale, origin, depth))
  if (isObject(value))
    return Object.entries(value)
      .filter(([k, v]) => !HIDDEN.has(k) && !isEmpty(v))
      .map(([k, v]) => partOf(k, v, locale, origin, depth))
  return [partOf(undefined, value, locale, origin, depth)]
}

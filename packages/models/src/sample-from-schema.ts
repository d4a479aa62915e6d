import { clip, materialOf, sentencesOf, stableIndex } from './demo-text.ts'

type Schema = {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  format?: string
  description?: string
  properties?: Record<string, Schema>
  items?: Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
}

/**
 * A value the JSON schema accepts, shaped by the input so the demo reads like a real answer: an enum option the
 * text mentions, numbers, dates, e-mail addresses and phone numbers found in it, sentences for text fields.
 */
export function sampleFromSchema(schema: unknown, input: string, key = ''): unknown {
  const s = (typeof schema === 'object' && schema !== null ? schema : {}) as Schema
  if (s.const !== undefined) return s.const
  if (s.enum && s.enum.length > 0) return pickOption(s.enum, input, s.description)
  const alternatives = s.anyOf ?? s.oneOf
  if (alternatives?.length) {
    return sampleFromSchema(alternatives.find((a) => a.type !== 'null') ?? alternatives[0], input, key)
  }
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type
  const hint = `${key} ${s.description ?? ''}`
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, v]) => [k, sampleFromSchema(v, input, k)]),
      )
    case 'array': {
      const count = Math.max(
        s.minItems ?? 1,
        Math.min(s.maxItems ?? 3, sentencesOf(materialOf(input)).length || 1),
      )
      const itemType = s.items?.type
      if (itemType === 'string' && !s.items?.enum) {
        const parts = sentencesOf(materialOf(input)).map((p) => clip(p, 20))
        return Array.from({ length: count }, (_, i) => parts[i] ?? `要点${i + 1}`)
      }
      return Array.from({ length: count }, () => sampleFromSchema(s.items, input, key))
    }
    case 'number':
    case 'integer': {
      const found = Number(/-?\d+(?:\.\d+)?/.exec(input)?.[0] ?? 3)
      const n = type === 'integer' ? Math.round(found) : found
      return Math.min(
        s.maximum ?? Number.POSITIVE_INFINITY,
        Math.max(s.minimum ?? Number.NEGATIVE_INFINITY, n),
      )
    }
    case 'boolean':
      return true
    case 'null':
      return null
    default:
      return fitLength(stringFor(hint, s.format, input), s)
  }
}

/**
 * The option the text names, else the one whose line in the field's description (`id: what it covers`, one per
 * line) shares the most character pairs with the text, else a stable pick.
 */
function pickOption(options: unknown[], input: string, description = ''): unknown {
  const text = input.toLowerCase()
  const named = options.find((o) => typeof o === 'string' && o !== '' && text.includes(o.toLowerCase()))
  if (named !== undefined) return named
  const pairs = bigrams(text)
  let best: { option: unknown; score: number } = { option: undefined, score: 0 }
  for (const option of options) {
    const line = description.split('\n').find((l) => l.trim().startsWith(`${String(option)}:`)) ?? ''
    const score = [...bigrams(line.toLowerCase())].filter((pair) => pairs.has(pair)).length
    if (score > best.score) best = { option, score }
  }
  return best.score > 0 ? best.option : options[stableIndex(input, options.length)]
}

function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/\s+/g, '')]
  return new Set(chars.slice(1).map((c, i) => `${chars[i]}${c}`))
}

const patterns: [RegExp, RegExp, string][] = [
  [/email|邮箱|邮件/i, /[\w.+-]+@[\w-]+(\.[\w-]+)+/, 'demo@example.com'],
  [/phone|mobile|tel|电话|手机/i, /1[3-9]\d{9}/, '13800000000'],
  [/date|日期|时间|time/i, /\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?/, '2025-01-01'],
  [/url|link|网址|链接/i, /https?:\/\/\S+/, 'https://example.com'],
]

function stringFor(hint: string, format: string | undefined, input: string): string {
  if (format === 'email') return /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(input)?.[0] ?? 'demo@example.com'
  if (format === 'date') return '2025-01-01'
  if (format === 'date-time') return '2025-01-01T09:00:00Z'
  if (format === 'uri' || format === 'url') return 'https://example.com'
  for (const [about, find, fallback] of patterns)
    if (about.test(hint)) return find.exec(input)?.[0] ?? fallback
  if (/name|姓名|名字/i.test(hint)) {
    return (
      /(?:我叫|我是|姓名[:：]?\s*|name is\s+)([\u4e00-\u9fa5]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)/.exec(
        input,
      )?.[1] ?? '张三'
    )
  }
  if (/reason|理由|原因|explanation|依据/i.test(hint)) return '演示模型根据内容中的关键词作出判断。'
  const lead = sentencesOf(materialOf(input))[0]
  return lead ? clip(lead, 30) : '示例内容'
}

function fitLength(text: string, s: Schema): string {
  let out = s.maxLength !== undefined ? [...text].slice(0, s.maxLength).join('') : text
  while (s.minLength !== undefined && [...out].length < s.minLength) out += '示'
  return out
}

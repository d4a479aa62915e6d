import { Allow, parse } from 'partial-json'

/**
 * The fields a structured answer has so far, from the JSON a model is still writing (`{"theme": "松山湖科`), so the
 * run view shows them filling in rather than raw JSON. Undefined for text that is not a JSON object (an ordinary
 * answer), shown as it is.
 */
export function liveFields(text: string): Record<string, unknown> | undefined {
  let body = text.trimStart()
  // Some models put their JSON in a Markdown code fence.
  if (body.startsWith('```')) body = body.replace(/^```(?:json)?\s*/i, '').replace(/```\s*$/, '')
  if (!body.startsWith('{')) return undefined
  try {
    const value: unknown = parse(body, Allow.ALL)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** One line per field for the small space on a node card: "主题：松山湖科技周 · 选题：甲、乙". */
export function liveFieldsLine(fields: Record<string, unknown>, label: (key: string) => string): string {
  return Object.entries(fields)
    .map(([key, value]) => {
      const text = Array.isArray(value)
        ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、')
        : typeof value === 'string'
          ? value
          : JSON.stringify(value)
      return `${label(key)}：${text}`
    })
    .join('\n')
}

import { liveFields } from '../run/live-fields.ts'

/**
 * A run's input in the history, as a person reads it: "author：王芳 · 标题：松山湖…" rather than the JSON the
 * request carried. The server sends only the start of the input (its first 120 characters), so the JSON is often
 * cut off: it is read as far as it goes, and "…" says there was more. Anything that is not a JSON object (a plain
 * text body) is shown as it came.
 */
export function inputSummary(preview: string): string {
  const fields = liveFields(preview)
  if (!fields) return preview
  const shown = Object.entries(fields).map(([key, value]) => `${key}：${valueText(value)}`)
  return `${shown.join(' · ')}${isWhole(preview) ? '' : '…'}`
}

/** A value in a few words: text as it is on one line, a list of words joined, anything deeper only hinted at. */
function valueText(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.join('、')
  }
  return '…'
}

function isWhole(json: string): boolean {
  try {
    JSON.parse(json)
    return true
  } catch {
    return false
  }
}

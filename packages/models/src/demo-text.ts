/** Small text helpers the offline demo model uses to shape answers from its input. */

export function hasChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text)
}

/** Sentences in Chinese or English text, without their closing punctuation. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/[。！？!?；;\n]+|(?<=[a-z0-9)"'])\.\s+/i)
    .map((s) => s.trim().replace(/[.。]$/, ''))
    .filter((s) => s.length > 0)
}

export function clip(text: string, max: number): string {
  const chars = [...text]
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text
}

/**
 * The material a prompt works on: what follows the instruction line (`总结下面的文章：\n…`), or what follows the
 * first colon, or the whole prompt.
 */
export function materialOf(prompt: string): string {
  const lines = prompt
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
  if (lines.length > 1) return lines.slice(1).join('\n')
  const colon = prompt.search(/[：:]/)
  if (colon >= 0 && colon < prompt.length - 1) return prompt.slice(colon + 1).trim()
  return prompt.trim()
}

/** A stable small number from a text: the demo picks "randomly" but the same way every time. */
export function stableIndex(text: string, size: number): number {
  let hash = 2166136261
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619)
  return size > 0 ? (hash >>> 0) % size : 0
}

import { foldCharacter, type MatchMode, normalizeText, normalizeWord } from './safety-normalize.ts'
import type { WordEntry } from './safety-word-lists.ts'
import { createWordMatcher } from './word-matcher.ts'

/** One hit: the listed word, the text as written where it was found, and its place in the original (end exclusive). */
export interface SensitiveHit {
  word: string
  text: string
  start: number
  end: number
  category?: string
}

export interface SensitiveWordFinder {
  find(text: string): SensitiveHit[]
  /** Listed words that normalise to nothing in this mode (only punctuation or spaces), so can never match. */
  readonly unusable: readonly string[]
}

const ALPHANUMERIC = /^[a-z0-9]+$/

/**
 * Finds listed words in a text. Fuzzy mode matches through full-width forms, letter case and separators slipped
 * between characters ("敏 感 词", "敏*感*词", zero-width spaces). Words of Latin letters and digits match only as whole
 * words, so "ass" is not found in "class". Hits inside a longer hit are dropped ("法律" inside "法律法规"); partly
 * overlapping hits are both kept.
 */
export function createSensitiveWordFinder(
  entries: readonly WordEntry[],
  mode: MatchMode,
): SensitiveWordFinder {
  const kept: Array<WordEntry & { latin: boolean }> = []
  const keys: string[] = []
  const seen = new Set<string>()
  const unusable: string[] = []
  for (const entry of entries) {
    const key = normalizeWord(entry.word, mode)
    if (!key) unusable.push(entry.word)
    if (!key || seen.has(key)) continue // the first list naming a word gives its category
    seen.add(key)
    keys.push(key)
    kept.push({ ...entry, latin: mode === 'fuzzy' && ALPHANUMERIC.test(key) })
  }
  const matcher = createWordMatcher(keys)

  return {
    unusable,
    find(text) {
      const normalized = normalizeText(text, mode)
      const hits: SensitiveHit[] = []
      for (const match of matcher.findAll(normalized.text)) {
        const entry = kept[match.word]
        const start = normalized.starts[match.start] ?? 0
        const end = normalized.ends[match.end - 1] ?? 0
        if (!entry || (entry.latin && !standsAlone(text, start, end))) continue
        const hit = { word: entry.word, text: text.slice(start, end), start, end }
        hits.push(entry.category ? { ...hit, category: entry.category } : hit)
      }
      return outermost(hits)
    },
  }
}

/** No letter or digit (in any width or case) directly before or after. */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = start > 0 ? foldCharacter(String.fromCodePoint(text.codePointAt(start - 1) ?? 0)) : ''
  const after = end < text.length ? foldCharacter(String.fromCodePoint(text.codePointAt(end) ?? 0)) : ''
  return !/[a-z0-9]$/.test(before) && !/^[a-z0-9]/.test(after)
}

/** In reading order, without hits that lie inside another. */
function outermost(hits: SensitiveHit[]): SensitiveHit[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end)
  let reach = -1
  return hits.filter((hit) => {
    if (hit.end <= reach) return false
    reach = hit.end
    return true
  })
}

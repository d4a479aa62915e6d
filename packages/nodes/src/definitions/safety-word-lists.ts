import { NodeError } from '../errors.ts'
import { readTextList } from './text-list.ts'

export interface WordEntry {
  word: string
  category?: string
}

export interface WordListInput {
  category: string
  words: unknown
}

/** Enough for a newsroom's full list while keeping a run's config and memory bounded. */
export const MAX_WORDS = 50_000
export const MAX_WORD_LENGTH = 100

/**
 * The built-in sample list: deliberately neutral placeholders, so that templates and first tries work offline. Real
 * lists are the newsroom's own and are pasted in or fetched by an earlier step.
 */
export const SAMPLE_WORDS: readonly WordEntry[] = [
  { word: '敏感词', category: '示例' },
  { word: '违禁词', category: '示例' },
  { word: 'demo-banned', category: '示例' },
]

/** Every configured word with its list's category, the sample list first when it is switched on. */
export function readWordLists(lists: readonly WordListInput[], withSample: boolean): WordEntry[] {
  const entries: WordEntry[] = withSample ? [...SAMPLE_WORDS] : []
  for (const list of lists) {
    const category = list.category.trim()
    for (const word of readTextList(list.words)) {
      if (word.length > MAX_WORD_LENGTH) {
        throw new NodeError(
          'SAFETY_WORD_TOO_LONG',
          `A word may have at most ${MAX_WORD_LENGTH} characters: "${word.slice(0, 20)}…" is longer`,
          { details: { field: 'lists' } },
        )
      }
      entries.push(category ? { word, category } : { word })
    }
  }
  if (entries.length > MAX_WORDS) {
    throw new NodeError(
      'SAFETY_TOO_MANY_WORDS',
      `At most ${MAX_WORDS} words can be checked, not ${entries.length}`,
      {
        details: { field: 'lists' },
      },
    )
  }
  return entries
}

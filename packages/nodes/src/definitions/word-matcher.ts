/** A word found in the searched text: `word` indexes the list the matcher was built from; `end` is exclusive. */
export interface WordMatch {
  word: number
  start: number
  end: number
}

export interface WordMatcher {
  /** Every occurrence of every word, overlapping ones included, in one pass over the text. */
  findAll(text: string): WordMatch[]
}

/**
 * Aho–Corasick over UTF-16 code units: building costs the total length of the words, a search the length of the
 * text plus the matches, however many words there are. Words must be distinct and non-empty. (A package was
 * considered: the well-kept one matches grapheme clusters through Intl.Segmenter, which our normalised text, with its
 * own map back to the original, does not need.)
 */
export function createWordMatcher(words: readonly string[]): WordMatcher {
  const next: Array<Map<number, number>> = [new Map()]
  /** The word ending exactly at each state, or -1. */
  const wordAt: number[] = [-1]
  const step = (state: number, unit: number) => next[state]?.get(unit)
  words.forEach((word, index) => {
    let state = 0
    for (let i = 0; i < word.length; i++) {
      const unit = word.charCodeAt(i)
      let to = step(state, unit)
      if (to === undefined) {
        to = next.length
        next.push(new Map())
        wordAt.push(-1)
        next[state]?.set(unit, to)
      }
      state = to
    }
    wordAt[state] = index
  })

  const fail = new Int32Array(next.length)
  /** The nearest state down the failure chain where a word ends, or -1: reporting follows only these links. */
  const output = new Int32Array(next.length).fill(-1)
  const failOf = (state: number) => fail[state] ?? 0
  const outputOf = (state: number) => output[state] ?? -1
  const endsWord = (state: number) => (wordAt[state] ?? -1) !== -1
  // Breadth first, so a state's failure target (always shallower) is final before the state is used.
  const queue = [...(next[0]?.values() ?? [])]
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] ?? 0
    for (const [unit, child] of next[state] ?? []) {
      let f = failOf(state)
      while (f !== 0 && step(f, unit) === undefined) f = failOf(f)
      const target = state === 0 ? 0 : (step(f, unit) ?? 0)
      fail[child] = target
      output[child] = endsWord(target) ? target : outputOf(target)
      queue.push(child)
    }
  }

  return {
    findAll(text) {
      const found: WordMatch[] = []
      let state = 0
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i)
        while (state !== 0 && step(state, unit) === undefined) state = failOf(state)
        state = step(state, unit) ?? 0
        for (let s = endsWord(state) ? state : outputOf(state); s !== -1; s = outputOf(s)) {
          const word = wordAt[s] ?? 0
          found.push({ word, start: i + 1 - (words[word]?.length ?? 0), end: i + 1 })
        }
      }
      return found
    },
  }
}

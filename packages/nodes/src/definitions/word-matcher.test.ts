import { describe, expect, it } from 'vitest'
import { createWordMatcher, type WordMatch } from './word-matcher.ts'

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function bruteForce(words: readonly string[], text: string): WordMatch[] {
  const found: WordMatch[] = []
  for (let end = 1; end <= text.length; end++) {
    words.forEach((word, index) => {
      if (end >= word.length && text.slice(end - word.length, end) === word) {
        found.push({ word: index, start: end - word.length, end })
      }
    })
  }
  return found
}

const sorted = (matches: WordMatch[]) =>
  [...matches].sort((a, b) => a.end - b.end || a.start - b.start || a.word - b.word)

describe('createWordMatcher', () => {
  it('finds every occurrence, overlapping and nested ones included', () => {
    const words = ['he', 'she', 'his', 'hers', '法律', '法律法规', '规']
    const text = 'ushers 法律法规'
    expect(sorted(createWordMatcher(words).findAll(text))).toEqual(sorted(bruteForce(words, text)))
    expect(
      createWordMatcher(words)
        .findAll('ushers')
        .map((m) => words[m.word]),
    ).toEqual(['she', 'he', 'hers'])
  })

  it('agrees with a brute-force scan on random words and texts over a small alphabet', () => {
    const next = random(42)
    const letters = ['a', 'b', 'c', '敏', '感', '😀']
    const pick = (length: number) =>
      Array.from({ length }, () => letters[Math.floor(next() * letters.length)]).join('')
    for (let round = 0; round < 200; round++) {
      const words = [
        ...new Set(
          Array.from({ length: 1 + Math.floor(next() * 8) }, () => pick(1 + Math.floor(next() * 4))),
        ),
      ]
      const text = pick(Math.floor(next() * 40))
      expect(sorted(createWordMatcher(words).findAll(text)), `${words.join('|')} in ${text}`).toEqual(
        sorted(bruteForce(words, text)),
      )
    }
  })
})

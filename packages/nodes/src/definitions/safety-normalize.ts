export type MatchMode = 'exact' | 'fuzzy'

/**
 * Text prepared for matching, with the way back: normalised code unit `i` came from `original.slice(starts[i],
 * ends[i])`, so a hit found in the normalised text is reported where it stands in the original.
 */
export interface NormalizedText {
  text: string
  starts: Int32Array
  ends: Int32Array
}

/**
 * What fuzzy matching looks through when it sits between the characters of a word: spaces (full-width too),
 * punctuation, symbols and emoji, control and format characters (the zero-width ones), and combining marks that did
 * not compose with their letter under NFKC (variation selectors, a stray accent on a Chinese character).
 */
const IGNORED = /[\p{White_Space}\p{P}\p{S}\p{Cc}\p{Cf}\p{M}]/gu
const MARK = /^\p{M}$/u

/**
 * One character's fuzzy form: NFKC (full-width letters and digits become ASCII, ① becomes 1, half-width katakana
 * full-width), lower case, ignored characters removed. Common characters skip the Unicode machinery.
 */
export function foldCharacter(char: string): string {
  if (char.length === 1) {
    const code = char.charCodeAt(0)
    if (code < 0x80) {
      if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 32)
      return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) ? char : ''
    }
    if (code >= 0x4e00 && code <= 0x9fff) return char // CJK ideographs are their own NFKC form
  }
  return char.normalize('NFKC').toLowerCase().replace(IGNORED, '')
}

/** A word in the form it is searched for: in fuzzy mode folded like the text, so both sides meet. */
export function normalizeWord(word: string, mode: MatchMode): string {
  if (mode === 'exact') return word
  let folded = ''
  forEachCharacter(word, (start, end) => {
    folded += foldCharacter(word.slice(start, end))
  })
  return folded
}

/** The text to search. Exact mode keeps it as it is; fuzzy mode folds each character and drops separators. */
export function normalizeText(original: string, mode: MatchMode): NormalizedText {
  let starts = new Int32Array(original.length)
  let ends = new Int32Array(original.length)
  if (mode === 'exact') {
    for (let i = 0; i < original.length; i++) {
      starts[i] = i
      ends[i] = i + 1
    }
    return { text: original, starts, ends }
  }
  const parts: string[] = []
  let length = 0
  // Texts repeat their characters a lot; folding each distinct one once keeps long texts fast.
  const folds = new Map<string, string>()
  forEachCharacter(original, (start, end) => {
    const char = original.slice(start, end)
    let folded = folds.get(char)
    if (folded === undefined) {
      folded = foldCharacter(char)
      folds.set(char, folded)
    }
    if (length + folded.length > starts.length) {
      // NFKC can lengthen a character (ﬁ becomes fi), so the text may outgrow the original.
      starts = grow(starts, length + folded.length)
      ends = grow(ends, length + folded.length)
    }
    for (let k = 0; k < folded.length; k++) {
      starts[length] = start
      ends[length] = end
      length++
    }
    parts.push(folded)
  })
  return { text: parts.join(''), starts: starts.subarray(0, length), ends: ends.subarray(0, length) }
}

function grow(array: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(needed, array.length * 2))
  bigger.set(array)
  return bigger
}

/** Calls `visit` for each character: a code point with the combining marks that follow it, as one unit. */
function forEachCharacter(text: string, visit: (start: number, end: number) => void): void {
  for (let i = 0; i < text.length; ) {
    let end = i + codePointLength(text, i)
    while (
      end < text.length &&
      text.charCodeAt(end) >= 0x300 &&
      MARK.test(text.slice(end, end + codePointLength(text, end)))
    ) {
      end += codePointLength(text, end)
    }
    visit(i, end)
    i = end
  }
}

function codePointLength(text: string, index: number): number {
  const code = text.charCodeAt(index)
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1
}

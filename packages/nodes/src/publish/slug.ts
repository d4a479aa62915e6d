/** Longest slug, in characters: long enough for a headline's gist, short enough to share. */
export const MAX_SLUG_LENGTH = 80

/**
 * The address part of a hosted page or feed: letters of any script (so `广州-暴雨-预警` stays readable), digits and
 * single hyphens, lowercased after NFKC so full-width `ＡＢＣ１` and `abc1` are the same slug. Everything else
 * separates words. Browsers show the CJK letters and percent-encode them on the wire; the server decodes and runs
 * the result through this again, so the page is found however the address was typed.
 */
export function toSlug(text: string): string {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
  const chars = Array.from(words.join('-')).slice(0, MAX_SLUG_LENGTH)
  return chars.join('').replace(/-+$/, '')
}

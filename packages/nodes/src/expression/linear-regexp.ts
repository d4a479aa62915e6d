import { type Matcher, RE2JS } from 're2js'
import { ExpressionError } from '../errors.ts'
import { createLruCache } from '../template/lru-cache.ts'

/**
 * JSONata runs regexes on whatever `RegexEngine` it is given, and JS's own engine backtracks: `/(a+)+$/` on 40
 * characters takes minutes, in one call that no time limit can interrupt. Pattern analysis (safe-regex style) only
 * catches some shapes (nested quantifiers, not overlapping alternations or chains of `.*`). RE2 matches in time linear
 * in the input for every pattern, so the defence holds by construction. The price: RE2 syntax, which has no
 * backreferences and no lookaround; such patterns are rejected when the expression is compiled.
 */
const compiled = createLruCache<string, RE2JS>({ maxEntries: 500 })

/** Compiles a JS regex for RE2, or throws RE2's syntax error for features it does not have. */
export function compileLinearRegex(regex: RegExp): RE2JS {
  const key = `${regex.flags}/${regex.source}`
  let pattern = compiled.get(key)
  if (!pattern) {
    // translateRegExp carries the i/m flags over as (?im); JSONata always adds g, which exec's lastIndex stands for.
    pattern = RE2JS.compile(RE2JS.translateRegExp(regex))
    compiled.set(key, pattern)
  }
  return pattern
}

export type LinearMatch = Array<string | undefined> & { index: number; input: string }

/** The part of RegExp that JSONata uses (`lastIndex`, `exec`), on RE2. */
export class LinearRegExp {
  lastIndex = 0
  readonly #pattern: RE2JS
  #matcher: Matcher | undefined
  #input: string | undefined

  constructor(regex: RegExp) {
    // JSONata copies the condition of `?:` through JSON, which turns a regex literal into `{}` (`/a/ ?: x`).
    if (!(regex instanceof RegExp)) {
      throw new ExpressionError(
        'EXPRESSION_ERROR',
        'Expression failed: a regular expression cannot be used here',
      )
    }
    this.#pattern = compileLinearRegex(regex)
  }

  exec(input: string): LinearMatch | null {
    // `true ~> /a/` hands the regex whatever is on the left; JS would match its text ("true"), RE2 throws a TypeError.
    if (typeof input !== 'string') {
      const kind = input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input
      throw new ExpressionError(
        'EXPRESSION_ERROR',
        `Expression failed: a regular expression can only match text, not ${kind}`,
      )
    }
    // JSONata walks all matches of one string by calling exec again from lastIndex; keep the matcher for it.
    if (this.#input !== input || !this.#matcher) {
      this.#matcher = this.#pattern.matcher(input)
      this.#input = input
    }
    const matcher = this.#matcher
    if (this.lastIndex > input.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0
      return null
    }
    const groups: Array<string | undefined> = []
    for (let i = 0; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined)
    this.lastIndex = matcher.end()
    return Object.assign(groups, { index: matcher.start(), input })
  }
}

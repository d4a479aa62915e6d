import { describe, expect, it } from 'vitest'
import { ApiError } from './api-error.ts'
import { parseJsonSafely } from './parse-json-safely.ts'

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    return err instanceof ApiError ? `${err.status} ${err.code}` : 'not an ApiError'
  }
  return undefined
}

describe('parseJsonSafely', () => {
  it('parses ordinary JSON, counting only real brackets toward the depth', () => {
    expect(parseJsonSafely('{"a":[1,{"b":"[[[{{{"}],"c":"\\"]]"}', 3)).toEqual({
      a: [1, { b: '[[[{{{' }],
      c: '"]]',
    })
  })

  it('refuses one level more than the limit', () => {
    expect(parseJsonSafely('[[["ok"]]]', 3)).toEqual([[['ok']]])
    expect(codeOf(() => parseJsonSafely('[[[[1]]]]', 3))).toBe('400 INVALID_JSON')
  })

  it('refuses __proto__ however it is spelled, at any depth', () => {
    expect(codeOf(() => parseJsonSafely('{"a":{"__proto__":{"x":1}}}'))).toBe('400 INVALID_JSON')
    expect(codeOf(() => parseJsonSafely('[{"\\u005f_proto__":1}]'))).toBe('400 INVALID_JSON')
    expect(parseJsonSafely('{"constructor":{"prototype":1}}')).toEqual({ constructor: { prototype: 1 } })
  })

  it('finds __proto__ with any one of its characters escaped, and lets the word through as a value', () => {
    for (const key of ['__pr\\u006fto__', '__proto\\u005f_', '\\u005F\\u005Fproto__']) {
      expect(codeOf(() => parseJsonSafely(`{"ok":"\\u00e9","b":[{"${key}":{}}]}`))).toBe('400 INVALID_JSON')
    }
    expect(parseJsonSafely('{"a":"__proto__","b":"caf\\u00e9 \\\\u005f"}')).toEqual({
      a: '__proto__',
      b: 'café \\u005f',
    })
  })

  it('reports malformed JSON as INVALID_JSON', () => {
    expect(codeOf(() => parseJsonSafely('{"a":'))).toBe('400 INVALID_JSON')
  })
})

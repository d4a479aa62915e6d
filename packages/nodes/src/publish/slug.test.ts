import { describe, expect, it } from 'vitest'
import { MAX_SLUG_LENGTH, toSlug } from './slug.ts'

describe('toSlug', () => {
  it('keeps Chinese letters, lowercases Latin ones and joins words with single hyphens', () => {
    expect(toSlug('广州 暴雨预警：今晚 8 点')).toBe('广州-暴雨预警-今晚-8-点')
    expect(toSlug('  Hello, World!  ')).toBe('hello-world')
  })

  it('folds full-width forms, so both spellings reach one page', () => {
    expect(toSlug('ＡＢＣ－１２３')).toBe(toSlug('abc-123'))
  })

  it('drops everything that could change the path: slashes, dots, percent signs, NUL, markup', () => {
    expect(toSlug('../../etc/passwd')).toBe('etc-passwd')
    expect(toSlug('a%2Fb\u0000<script>')).toBe('a-2fb-script')
    expect(toSlug('../..')).toBe('')
  })

  it('clips long titles by characters without leaving a trailing hyphen', () => {
    const slug = toSlug(`${'新'.repeat(MAX_SLUG_LENGTH - 1)} 闻`)
    expect(Array.from(slug)).toHaveLength(MAX_SLUG_LENGTH - 1)
    expect(slug.endsWith('-')).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { inputSummary } from './input-summary.ts'

describe('a run’s input in the history', () => {
  it('reads as fields and values, not JSON, whichever store wrote it', () => {
    expect(inputSummary('{"author":"王芳","words":4,"urgent":true}')).toBe(
      'author：王芳 · words：4 · urgent：true',
    )
    // PostgreSQL's jsonb text puts a space after each colon and comma.
    expect(inputSummary('{"标题": "暴雨预警", "tags": ["天气", "东莞"]}')).toBe(
      '标题：暴雨预警 · tags：天气、东莞',
    )
  })

  it('reads an input cut off at 120 characters as far as it goes, and says there was more', () => {
    expect(inputSummary('{"release":"东莞今日发布\\n暴雨蓝色预警。","source":"东莞市气')).toBe(
      'release：东莞今日发布 暴雨蓝色预警。 · source：东莞市气…',
    )
  })

  it('only hints at nested data, and leaves a body that is not a JSON object as it came', () => {
    expect(inputSummary('{"reader":{"name":"李雷"},"history":[{"role":"user"}]}')).toBe(
      'reader：… · history：…',
    )
    expect(inputSummary('周末几点开门？')).toBe('周末几点开门？')
    expect(inputSummary('[1,2,3]')).toBe('[1,2,3]')
  })
})

import { describe, expect, it } from 'vitest'
import { demoRerank } from './demo-rerank.ts'

describe('the demo rerank', () => {
  it("scores each passage by the share of the question's words it holds, longer words weighing more", () => {
    const scores = demoRerank('居住证怎么办理', [
      '居住证的申领材料：身份证和照片。',
      '到窗口办理，十五个工作日内发放。',
      '社保卡挂失可以拨打热线。',
    ])
    expect(scores[0]).toBeGreaterThan(scores[1] ?? 1)
    expect(scores[1]).toBeGreaterThan(0)
    expect(scores[2]).toBe(0)
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true)
  })

  it('gives 0 to everything for a question with no words', () => {
    expect(demoRerank('？！', ['甲', '乙'])).toEqual([0, 0])
  })
})

import { describe, expect, it } from 'vitest'
import { demoSafetyReview } from './demo-safety-review.ts'

const review = (prompt: string) => demoSafetyReview({ prompt, system: '', images: 0 })

describe("the demo model's safety review", () => {
  it('objects to absolute claims in Chinese and English, and to personal numbers, once each', () => {
    const verdict = review(
      '行业第一的品质！行业第一！The best power bank, guaranteed. 联系人身份证 44190019900101123X，手机 13912345678。',
    )
    expect(verdict).toEqual({
      safe: false,
      reasons: [
        '使用了《广告法》禁止的绝对化用语“行业第一”',
        'Uses the absolute claim "best", which China\'s Advertising Law forbids in adverts',
        'Uses the absolute claim "guaranteed", which China\'s Advertising Law forbids in adverts',
        '含有手机号码“13912345678”，发布前请确认已征得本人同意',
        '含有身份证号码“441900…”，对外发布前应删除或打码',
      ],
    })
  })

  it('passes ordinary figures, office phone numbers and words that only contain a listed one', () => {
    expect(
      review('第一季度产值增长12%，咨询热线 0769-22334455，订单号 202509061234567。Best-selling? No.'),
    ).toEqual({
      safe: true,
      reasons: [],
    })
  })
})

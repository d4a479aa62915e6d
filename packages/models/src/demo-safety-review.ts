import type { DemoInput } from './demo-answers.ts'

/**
 * What the demo model objects to when `text.safety-check` asks it for a review: a few patterns a real reviewer would
 * catch and a word list usually misses. It cannot judge meaning, so it judges only these, and the same way every time.
 */
const rules: [RegExp, (found: string) => string][] = [
  [
    /国家级|世界级|最佳|最好|最优|最先进|第一品牌|全网第一|行业第一|顶级|极致|史无前例|独一无二|万能|永不|100%/g,
    (found) => `使用了《广告法》禁止的绝对化用语“${found}”`,
  ],
  [
    /\b(?:best|No\. ?1|number one|world's first|guaranteed)(?![\w-])/gi,
    (found) => `Uses the absolute claim "${found}", which China's Advertising Law forbids in adverts`,
  ],
  [/(?<!\d)1[3-9]\d{9}(?!\d)/g, (found) => `含有手机号码“${found}”，发布前请确认已征得本人同意`],
  [
    /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g,
    (found) => `含有身份证号码“${found.slice(0, 6)}…”，对外发布前应删除或打码`,
  ],
]

/** The demo's verdict `{safe, reasons}` on the text under review (the whole user message). */
export function demoSafetyReview({ prompt }: DemoInput): { safe: boolean; reasons: string[] } {
  const reasons: string[] = []
  for (const [pattern, reason] of rules) {
    for (const match of prompt.matchAll(pattern)) {
      const text = reason(match[0])
      if (!reasons.includes(text)) reasons.push(text)
    }
  }
  return { safe: reasons.length === 0, reasons }
}

import { segmentTerms } from './segment-terms.ts'

/**
 * The offline stand-in for a rerank model, so a flow with rerank on runs in class with no network: each passage is
 * scored by the share of the question's words (jieba terms, longer words weighing more) it contains, 0 to 1. It
 * reads no meaning — 落户 does not match 户口 — which a real rerank model does; it is deterministic, so tests can
 * rely on its order.
 */
export function demoRerank(query: string, documents: readonly string[]): number[] {
  const terms = [...new Set(segmentTerms(query))]
  const total = terms.reduce((sum, term) => sum + term.length, 0)
  if (total === 0) return documents.map(() => 0)
  return documents.map((doc) => {
    const text = doc.toLowerCase()
    const found = terms.reduce((sum, term) => sum + (text.includes(term) ? term.length : 0), 0)
    return Math.round((found / total) * 10_000) / 10_000
  })
}

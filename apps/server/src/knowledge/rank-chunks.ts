import type { KbPosting, KbTermStats } from '@zhiliu/db'

export interface Ranked {
  chunkId: string
  score: number
}

/** Okapi BM25 (k1 1.2, b 0.75) over the postings of the query's terms; best first. */
export function bm25(
  queryTerms: readonly string[],
  stats: KbTermStats,
  postings: readonly KbPosting[],
): Ranked[] {
  const k1 = 1.2
  const b = 0.75
  const weight = new Map<string, number>()
  for (const term of queryTerms) weight.set(term, (weight.get(term) ?? 0) + 1)
  const scores = new Map<string, number>()
  const avg = stats.averageLength || 1
  for (const p of postings) {
    const df = stats.documentFrequency[p.term] ?? 0
    const idf = Math.log(1 + (stats.chunks - df + 0.5) / (df + 0.5))
    const tf = (p.count * (k1 + 1)) / (p.count + k1 * (1 - b + (b * p.length) / avg))
    scores.set(p.chunkId, (scores.get(p.chunkId) ?? 0) + idf * tf * (weight.get(p.term) ?? 1))
  }
  return sortRanked(scores)
}

/**
 * Reciprocal rank fusion (k = 60): each list gives a chunk 1 / (k + rank); the sums decide. Scores of different
 * kinds (BM25, cosine) need no common scale this way.
 */
export function fuseRanks(lists: ReadonlyArray<readonly Ranked[]>, k = 60): Ranked[] {
  const scores = new Map<string, number>()
  for (const list of lists) {
    list.forEach((r, i) => {
      scores.set(r.chunkId, (scores.get(r.chunkId) ?? 0) + 1 / (k + i + 1))
    })
  }
  return sortRanked(scores)
}

function sortRanked(scores: Map<string, number>): Ranked[] {
  return [...scores]
    .map(([chunkId, score]) => ({ chunkId, score }))
    .sort((x, y) => y.score - x.score || (x.chunkId < y.chunkId ? -1 : 1))
}

import type { Access, KnowledgeBase, Store } from '@zhiliu/db'
import type { Embed } from './embed.ts'
import type { Rerank } from './knowledge-reranker.ts'
import { bm25, fuseRanks, type Ranked } from './rank-chunks.ts'
import { segmentTerms } from './segment-terms.ts'

export type SearchMode = 'hybrid' | 'vector' | 'keyword'

export interface SearchRequest {
  access: Access
  kbIds: readonly string[]
  query: string
  topK: number
  mode?: SearchMode
  /** Chunks scoring below it are left out (the mode's own score: cosine, BM25, or fused 0–1; the rerank score with rerank on). */
  threshold?: number
  /** Reorder the best candidates with a rerank model (the named one, or the provider's default) before the top K. */
  rerank?: { model?: string | undefined }
  signal?: AbortSignal
}

export interface FoundChunk {
  chunkId: string
  text: string
  heading: string | null
  score: number
  document: { id: string; name: string }
  knowledgeBaseId: string
  /** Where each index ranked it (1 = first); absent when that index did not find it. */
  keywordRank?: number
  vectorRank?: number
}

export interface SearchDeps {
  store: Store
  embedFor(kb: KnowledgeBase): Promise<Embed>
  rerankFor(kb: KnowledgeBase, model: string | undefined): Promise<Rerank>
}

/** Ranks past this many are not fused: a chunk neither index puts in its first 50 is not worth a place. */
const CANDIDATES = 50
/** How many of the best a rerank model reorders: enough to lift a passage from below the top K, few enough to be quick. */
const RERANK_CANDIDATES = 20

/**
 * The one search every caller uses (the kb.retrieve node, the API, the hit test; later an agent's tool): hybrid by
 * default (BM25 over jieba terms and the store's nearest vectors by cosine, fused by reciprocal rank). Knowledge bases the caller
 * may not read are treated as missing: `missing` lists them, and nothing of theirs is searched.
 */
export async function searchKnowledgeBases(
  deps: SearchDeps,
  request: SearchRequest,
): Promise<{ chunks: FoundChunk[]; missing: string[] }> {
  const mode = request.mode ?? 'hybrid'
  const kbs: KnowledgeBase[] = []
  const missing: string[] = []
  for (const id of new Set(request.kbIds)) {
    const kb = await deps.store.getKnowledgeBase(request.access, id)
    if (kb) kbs.push(kb)
    else missing.push(id)
  }
  const ids = kbs.map((kb) => kb.id)
  const keyword: Ranked[] = []
  const vector: Ranked[] = []
  if (ids.length > 0 && mode !== 'vector') {
    const terms = [...new Set(segmentTerms(request.query))]
    const [stats, postings] = await Promise.all([
      deps.store.kbTermStats(ids, terms),
      deps.store.kbPostings(ids, terms),
    ])
    keyword.push(...bm25(segmentTerms(request.query), stats, postings).slice(0, CANDIDATES))
  }
  if (ids.length > 0 && mode !== 'keyword') {
    // Knowledge bases embedded by different models are scanned each with its own query vector.
    const byModel = new Map<string, KnowledgeBase[]>()
    for (const kb of kbs) {
      const key = `${kb.embeddingProviderId ?? ''}\n${kb.embeddingModel}`
      byModel.set(key, [...(byModel.get(key) ?? []), kb])
    }
    const found: Ranked[] = []
    for (const group of byModel.values()) {
      const [first] = group
      if (!first) continue
      const embed = await deps.embedFor(first)
      const [query] = await embed([request.query], request.signal)
      if (!query) continue
      found.push(
        ...(await deps.store.kbNearest(
          group.map((kb) => kb.id),
          query,
          CANDIDATES,
        )),
      )
    }
    vector.push(...found.sort((a, b) => b.score - a.score).slice(0, CANDIDATES))
  }
  const ranked =
    mode === 'keyword'
      ? keyword
      : mode === 'vector'
        ? vector
        : // Scaled so that first in both lists is 1.
          fuseRanks([keyword, vector]).map((r) => ({ ...r, score: (r.score * 61) / 2 }))
  const rowsOf = async (list: readonly Ranked[]) =>
    new Map((await deps.store.getKbChunks(list.map((r) => r.chunkId))).map((c) => [c.id, c]))
  const [first] = kbs
  const candidates = request.rerank ? ranked.slice(0, Math.max(RERANK_CANDIDATES, request.topK)) : []
  const candidateRows = await rowsOf(candidates)
  const scored =
    request.rerank && first && candidates.length > 0
      ? await rerankRanked(
          await deps.rerankFor(first, request.rerank.model),
          request,
          candidates.map((r) => {
            const row = candidateRows.get(r.chunkId)
            return {
              chunkId: r.chunkId,
              text: row ? `${row.heading ? `${row.heading}\n` : ''}${row.text}` : '',
            }
          }),
        )
      : ranked
  const kept = scored.filter((r) => request.threshold === undefined || r.score >= request.threshold)
  const top = kept.slice(0, Math.max(1, request.topK))
  const rows = request.rerank ? candidateRows : await rowsOf(top)
  const keywordRank = new Map(keyword.map((r, i) => [r.chunkId, i + 1]))
  const vectorRank = new Map(vector.map((r, i) => [r.chunkId, i + 1]))
  const chunks = top.flatMap((r) => {
    const row = rows.get(r.chunkId)
    if (!row) return []
    const k = keywordRank.get(r.chunkId)
    const v = vectorRank.get(r.chunkId)
    return [
      {
        chunkId: row.id,
        text: row.text,
        heading: row.heading,
        score: Math.round(r.score * 10_000) / 10_000,
        document: { id: row.documentId, name: row.documentName },
        knowledgeBaseId: row.kbId,
        ...(k ? { keywordRank: k } : {}),
        ...(v ? { vectorRank: v } : {}),
      },
    ]
  })
  return { chunks, missing }
}

/** The candidates in the rerank model's order, its relevance as their score. */
async function rerankRanked(
  rerank: Rerank,
  request: SearchRequest,
  candidates: ReadonlyArray<{ chunkId: string; text: string }>,
): Promise<Ranked[]> {
  const scores = await rerank(
    request.query,
    candidates.map((c) => c.text),
    request.signal,
  )
  return candidates
    .map((c, i) => ({ chunkId: c.chunkId, score: scores[i] ?? 0, was: i }))
    .sort((a, b) => b.score - a.score || a.was - b.was)
    .map(({ chunkId, score }) => ({ chunkId, score }))
}

/** The chunks numbered for a prompt: `[1] (document › heading) text`, so a model can cite [1][2]. */
export function contextOf(chunks: readonly FoundChunk[]): string {
  return chunks
    .map((c, i) => `[${i + 1}] 《${c.document.name}》${c.heading ? ` ${c.heading}` : ''}\n${c.text}`)
    .join('\n\n')
}

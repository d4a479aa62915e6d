/** A chunk of a knowledge base's document, as retrieval found it. */
export interface RetrievedChunk {
  chunkId: string
  text: string
  /** The headings above it in its document. */
  heading: string | null
  /** The mode's own score: fused 0–1 (hybrid), cosine (vector) or BM25 (keyword). */
  score: number
  document: { id: string; name: string }
  knowledgeBaseId: string
  /** Its place in the keyword ranking and in the vector ranking (1 = first), where that index found it. */
  keywordRank?: number
  vectorRank?: number
}

export interface KnowledgeQuery {
  knowledgeBaseIds: string[]
  query: string
  topK: number
  mode: 'hybrid' | 'vector' | 'keyword'
  threshold?: number | undefined
  /** Reorder the best passages with a rerank model (this one, or the provider's default); the score is then its relevance. */
  rerank?: { model?: string | undefined } | undefined
  signal?: AbortSignal
}

/** `ctx.knowledge`: searches the knowledge bases the run's owner may read (the server; the CLI searches only templates' sample documents). */
export interface KnowledgeRetriever {
  search(query: KnowledgeQuery): Promise<RetrievedChunk[]>
}

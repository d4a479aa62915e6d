import { request, sendFile } from './request.ts'

export interface KnowledgeBaseSummary {
  id: string
  name: string
  /** A model-provider credential; null: the server's default provider. */
  embeddingProviderId: string | null
  embeddingModel: string
  demoEmbedding: boolean
}

/** The model id of the offline demo embedding (the server's DEMO_EMBEDDING_MODEL). */
export const DEMO_EMBEDDING_MODEL = 'zhiliu-demo-embedding'

export const listKnowledgeBases = () =>
  request<{ knowledgeBases: KnowledgeBaseSummary[] }>('GET', '/api/knowledge-bases').then(
    (r) => r.knowledgeBases,
  )

export interface KbDocumentSummary {
  id: string
  name: string
  status: 'parsing' | 'chunking' | 'indexing' | 'ready' | 'failed'
  error: string | null
  chunkCount: number
}

export interface FoundChunk {
  chunkId: string
  text: string
  heading: string | null
  score: number
  document: { id: string; name: string }
  keywordRank?: number
  vectorRank?: number
}

const base = (id: string) => `/api/knowledge-bases/${encodeURIComponent(id)}`
export const createKnowledgeBase = (name: string) =>
  request<KnowledgeBaseSummary>('POST', '/api/knowledge-bases', { name })
/** A template's knowledge base with its sample documents imported; the caller's one of that name is reused. */
export const createSampleKnowledgeBase = (sample: string, name: string) =>
  request<KnowledgeBaseSummary>('POST', '/api/knowledge-bases/from-sample', { sample, name })
export const renameKnowledgeBase = (id: string, name: string) =>
  request<KnowledgeBaseSummary>('PATCH', base(id), { name })
/** A changed model or provider re-indexes every document: their status shows the progress. */
export const changeEmbedding = (id: string, embeddingProviderId: string | null, embeddingModel: string) =>
  request<KnowledgeBaseSummary>('PATCH', base(id), { embeddingProviderId, embeddingModel })
export const deleteKnowledgeBase = (id: string) => request<void>('DELETE', base(id))
export const listDocuments = (id: string) =>
  request<{ documents: KbDocumentSummary[] }>('GET', `${base(id)}/documents`).then((r) => r.documents)
export const deleteDocument = (id: string, documentId: string) =>
  request<void>('DELETE', `${base(id)}/documents/${encodeURIComponent(documentId)}`)
export const listChunks = (id: string, documentId: string) =>
  request<{ chunks: Array<{ id: string; heading: string | null; text: string }> }>(
    'GET',
    `${base(id)}/documents/${encodeURIComponent(documentId)}/chunks`,
  ).then((r) => r.chunks)
export const queryKnowledgeBase = (id: string, query: string, mode: string, rerank?: { model: string }) =>
  request<{ chunks: FoundChunk[] }>('POST', `${base(id)}/query`, {
    query,
    topK: 5,
    mode,
    ...(rerank ? { rerank: true, rerankModel: rerank.model } : {}),
  }).then((r) => r.chunks)
/** Sent as octet-stream: the server tells the type by the name, and text/plain is refused with the session cookie. */
export const uploadDocument = (id: string, file: File) =>
  sendFile<KbDocumentSummary>(
    `${base(id)}/documents?name=${encodeURIComponent(file.name)}`,
    new Blob([file], { type: 'application/octet-stream' }),
  )

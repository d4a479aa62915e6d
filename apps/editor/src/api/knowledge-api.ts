import { request } from './request.ts'

export interface KnowledgeBaseSummary {
  id: string
  name: string
  embeddingModel: string
  demoEmbedding: boolean
}

export const listKnowledgeBases = () =>
  request<{ knowledgeBases: KnowledgeBaseSummary[] }>('GET', '/api/knowledge-bases').then(
    (r) => r.knowledgeBases,
  )

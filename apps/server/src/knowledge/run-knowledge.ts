import type { Access } from '@zhiliu/db'
import { type KnowledgeRetriever, NodeError } from '@zhiliu/nodes'
import type { KnowledgeService } from './knowledge-service.ts'

/** `ctx.knowledge` for one run: the run's owner's knowledge bases, and no one else's. */
export function runKnowledge(knowledge: KnowledgeService, access: Access): KnowledgeRetriever {
  return {
    async search(query) {
      if (query.knowledgeBaseIds.length === 0) {
        throw new NodeError('KNOWLEDGE_BASE_NOT_FOUND', 'Pick at least one knowledge base')
      }
      const { chunks, missing } = await knowledge.search({
        access,
        kbIds: query.knowledgeBaseIds,
        query: query.query,
        topK: query.topK,
        mode: query.mode,
        threshold: query.threshold,
        ...(query.rerank ? { rerank: query.rerank } : {}),
        ...(query.signal ? { signal: query.signal } : {}),
      })
      if (missing.length > 0) {
        throw new NodeError(
          'KNOWLEDGE_BASE_NOT_FOUND',
          `Knowledge base ${missing.join(', ')} was not found, or is not the flow owner's`,
          { details: { knowledgeBaseIds: missing } },
        )
      }
      return chunks
    },
  }
}

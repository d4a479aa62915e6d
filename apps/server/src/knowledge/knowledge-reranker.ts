import type { KnowledgeBase } from '@zhiliu/db'
import { rerank } from '@zhiliu/models'
import { NodeError } from '@zhiliu/nodes'
import type { ProviderFetches } from '../models/create-provider-fetches.ts'
import { demoRerank } from './demo-rerank.ts'
import { type EmbeddingDeps, providerOfKb } from './knowledge-embedder.ts'

/** Relevance of each passage to the question, in the passages' order, 0 to 1. */
export type Rerank = (query: string, documents: string[], signal?: AbortSignal) => Promise<number[]>

/**
 * The rerank step after retrieval, as Dify's "Rerank model": the knowledge base's provider's `/rerank` (the shape
 * SiliconFlow, Jina and others share) with the model the node names or the provider preset's (SiliconFlow's
 * BAAI/bge-reranker-v2-m3). With no model provider configured, the offline demo rerank. A provider with no rerank
 * model and none named is an error, not a silent skip: the person turned rerank on and should learn it did nothing.
 */
export function createRerankerFor(deps: EmbeddingDeps, fetches: ProviderFetches) {
  return async (
    kb: Pick<KnowledgeBase, 'ownerId' | 'embeddingProviderId'>,
    model: string | undefined,
  ): Promise<Rerank> => {
    const provider = await providerOfKb(deps, kb)
    if (provider.preset.id === 'demo') return async (query, documents) => demoRerank(query, documents)
    const chosen = model || provider.preset.rerankModel
    if (!chosen) {
      throw new NodeError(
        'RERANK_MODEL_MISSING',
        `${provider.preset.label.en} has no rerank model by default: name one (e.g. BAAI/bge-reranker-v2-m3) or turn rerank off`,
      )
    }
    const origin = URL.canParse(provider.baseURL) ? new URL(provider.baseURL).origin : null
    const fetch = fetches.forOrigin(origin)
    return async (query, documents, signal) => {
      try {
        return await rerank({
          provider,
          model: chosen,
          query,
          documents,
          fetch,
          ...(signal ? { signal } : {}),
        })
      } catch (err) {
        throw new NodeError('RERANK_FAILED', `Rerank with ${chosen} failed: ${(err as Error).message}`, {
          retryable: true,
          cause: err,
        })
      }
    }
  }
}

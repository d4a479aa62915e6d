import type { KnowledgeBase } from '@zhiliu/db'
import {
  embedTexts,
  MODEL_PROVIDER_CREDENTIAL,
  providerFromCredential,
  type ResolvedProvider,
} from '@zhiliu/models'
import type { AppDeps } from '../app-deps.ts'
import { createSecretReader } from '../credentials/create-secret-reader.ts'
import type { ProviderFetches } from '../models/create-provider-fetches.ts'
import { DEMO_EMBEDDING_MODEL, demoEmbedding } from './demo-embedding.ts'
import type { Embed } from './embed.ts'

export type EmbeddingDeps = Pick<AppDeps, 'store' | 'secretBox' | 'redactor' | 'models'>

/** A new knowledge base's embedding when none is chosen: the default provider's model, else the demo one. */
export function defaultEmbedding(models: AppDeps['models']): {
  embeddingProviderId: null
  embeddingModel: string
} {
  const preset = models.defaultProvider.preset
  return {
    embeddingProviderId: null,
    embeddingModel: (preset.id !== 'demo' && preset.embeddingModel) || DEMO_EMBEDDING_MODEL,
  }
}

/** The provider a knowledge base's model calls go to: its owner's credential, whoever searches it, or the default. */
export async function providerOfKb(
  deps: EmbeddingDeps,
  kb: Pick<KnowledgeBase, 'ownerId' | 'embeddingProviderId'>,
): Promise<ResolvedProvider> {
  if (!kb.embeddingProviderId) return deps.models.defaultProvider
  const reader = createSecretReader(deps, { userId: kb.ownerId, all: false })
  const { name, fields } = await reader.open(kb.embeddingProviderId, MODEL_PROVIDER_CREDENTIAL)
  return providerFromCredential(kb.embeddingProviderId, fields, name)
}

export function createEmbedderFor(deps: EmbeddingDeps, fetches: ProviderFetches) {
  return async (
    kb: Pick<KnowledgeBase, 'ownerId' | 'embeddingProviderId' | 'embeddingModel'>,
  ): Promise<Embed> => {
    if (kb.embeddingModel === DEMO_EMBEDDING_MODEL) return async (texts) => texts.map(demoEmbedding)
    const provider = await providerOfKb(deps, kb)
    const origin = URL.canParse(provider.baseURL) ? new URL(provider.baseURL).origin : null
    const fetch = fetches.forOrigin(origin)
    return async (texts, signal) => {
      const out: Float32Array[] = []
      // Providers cap a batch (Qwen at 10 inputs, others at 64 or more): 10 suits them all.
      for (let i = 0; i < texts.length; i += 10) {
        const vectors = await embedTexts({
          provider,
          model: kb.embeddingModel,
          texts: texts.slice(i, i + 10),
          fetch,
          ...(signal ? { signal } : {}),
        })
        out.push(...vectors.map(normaliseCopy))
      }
      return out
    }
  }
}

function normaliseCopy(vector: Float32Array): Float32Array {
  let sum = 0
  for (const v of vector) sum += v * v
  const norm = Math.sqrt(sum) || 1
  return vector.map((v) => v / norm)
}

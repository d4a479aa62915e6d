import type { FetchLike } from '@zhiliu/nodes'
import { createOpenAIClient } from './create-openai-backend.ts'
import { type ResolvedProvider as Provider, providerName } from './resolved-provider.ts'
import { toModelError } from './to-model-error.ts'

export interface EmbeddingCall {
  provider: Provider
  model: string
  texts: string[]
  fetch?: FetchLike
  signal?: AbortSignal
}

/** Vectors for `texts` in their order, from the provider's OpenAI-compatible `/embeddings`. */
export async function embedTexts(call: EmbeddingCall): Promise<Float32Array[]> {
  const client = await createOpenAIClient(call.provider, {
    ...(call.fetch ? { fetch: call.fetch } : {}),
    timeoutMs: 60_000,
  })
  try {
    const answer = await client.embeddings.create(
      { model: call.model, input: call.texts, encoding_format: 'float' },
      { ...(call.signal ? { signal: call.signal } : {}) },
    )
    const vectors: Float32Array[] = new Array(call.texts.length)
    for (const item of answer.data) vectors[item.index] = Float32Array.from(item.embedding)
    return vectors
  } catch (err) {
    const site = {
      name: providerName(call.provider),
      providerId: call.provider.id,
      model: call.model,
      baseURL: call.provider.baseURL,
    }
    throw toModelError(err, site, call.signal ?? new AbortController().signal)
  }
}

export interface RerankCall {
  provider: Provider
  model: string
  query: string
  documents: string[]
  fetch: FetchLike
  signal?: AbortSignal
}

/**
 * Relevance of each document to the query from `/rerank` (the shape SiliconFlow, Jina and Qwen's compatible mode
 * share), in the documents' order. The openai SDK has no rerank call, so this is one plain POST.
 */
export async function rerank(call: RerankCall): Promise<number[]> {
  const url = `${call.provider.baseURL.replace(/\/+$/, '')}/rerank`
  const res = await call.fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${call.provider.apiKey || 'no-key'}`,
    },
    body: JSON.stringify({ model: call.model, query: call.query, documents: call.documents }),
    ...(call.signal ? { signal: call.signal } : {}),
  })
  if (!res.ok) throw new Error(`rerank answered ${res.status}`)
  const body = (await res.json()) as { results?: Array<{ index: number; relevance_score: number }> }
  const scores = call.documents.map(() => 0)
  for (const r of body.results ?? [])
    if (r.index >= 0 && r.index < scores.length) scores[r.index] = r.relevance_score
  return scores
}

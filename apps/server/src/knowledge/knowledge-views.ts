import { z } from '@hono/zod-openapi'
import type { KbDocument, KnowledgeBase } from '@zhiliu/db'
import { DEMO_EMBEDDING_MODEL } from './demo-embedding.ts'

export const KnowledgeBaseView = z
  .object({
    id: z.string(),
    name: z.string(),
    embeddingProviderId: z
      .string()
      .nullable()
      .openapi({ description: 'A model-provider credential; null: the default' }),
    embeddingModel: z.string().openapi({ example: 'text-embedding-v4' }),
    demoEmbedding: z
      .boolean()
      .openapi({ description: 'The offline demo embedding (word overlap, not semantic)' }),
    sample: z.string().nullable().openapi({
      description:
        'The sample (templates/knowledge/<folder>) it was imported from by from-sample; null otherwise',
    }),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi('KnowledgeBase')

export const KbDocumentView = z
  .object({
    id: z.string(),
    name: z.string(),
    mimeType: z.string(),
    sourceUrl: z.string().nullable(),
    bytes: z.number().int(),
    status: z.enum(['parsing', 'chunking', 'indexing', 'ready', 'failed']),
    error: z.string().nullable().openapi({ description: 'Why it failed' }),
    chunkCount: z.number().int(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi('KnowledgeDocument')

export const FoundChunkView = z
  .object({
    chunkId: z.string(),
    text: z.string(),
    heading: z.string().nullable(),
    score: z.number(),
    document: z.object({ id: z.string(), name: z.string() }),
    knowledgeBaseId: z.string(),
    keywordRank: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'Its place in the keyword (BM25) ranking' }),
    vectorRank: z.number().int().optional().openapi({ description: 'Its place in the vector ranking' }),
  })
  .openapi('FoundChunk')

export function viewKnowledgeBase(kb: KnowledgeBase): z.infer<typeof KnowledgeBaseView> {
  const { ownerId: _owner, ...rest } = kb
  return { ...rest, demoEmbedding: kb.embeddingModel === DEMO_EMBEDDING_MODEL }
}

export function viewDocument(doc: KbDocument): z.infer<typeof KbDocumentView> {
  const { kbId: _kb, ...rest } = doc
  return rest
}

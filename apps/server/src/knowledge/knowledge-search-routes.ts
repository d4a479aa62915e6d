import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json, jsonBody } from '../http/openapi-helpers.ts'
import { FoundChunkView } from './knowledge-views.ts'
import { contextOf } from './search-knowledge-bases.ts'

const tags = ['knowledge']
const author = requireRole('student')

const Query = z
  .object({
    query: z.string().trim().min(1).max(2000),
    topK: z.number().int().min(1).max(50).default(5),
    mode: z.enum(['hybrid', 'vector', 'keyword']).default('hybrid'),
    threshold: z.number().min(0).optional().openapi({
      description: 'Chunks scoring below it are left out (with rerank on: below the rerank score)',
    }),
    rerank: z.boolean().default(false).openapi({
      description:
        "As kb.retrieve's 重排序: a rerank model orders the best 20 candidates (or top K, if more) by relevance to the question, and `score` becomes that relevance (0–1). With no model provider, the offline demo rerank.",
    }),
    rerankModel: z.string().trim().max(200).optional().openapi({
      description:
        "Left out or empty: the provider's default rerank model (SiliconFlow's BAAI/bge-reranker-v2-m3)",
    }),
  })
  .openapi('KnowledgeQuery')

const search = createRoute({
  method: 'post',
  path: '/knowledge-bases/{id}/query',
  tags,
  middleware: [author] as const,
  summary:
    'Search it (召回测试): ranked chunks with their scores and which index found them, optionally reranked',
  request: { params: IdParam, body: jsonBody(Query) },
  responses: {
    200: json(z.object({ chunks: z.array(FoundChunkView), context: z.string() }), 'Best first'),
    // 422: RERANK_MODEL_MISSING (the provider has no default rerank model and none is named), RERANK_FAILED.
    ...errors(400, 401, 403, 404, 422),
  },
})

/** Searching one knowledge base as kb.retrieve does (召回测试 in the editor). */
export function createKnowledgeSearchRoutes(deps: AppDeps) {
  return createRouter().openapi(search, async (c) => {
    const { id } = c.req.valid('param')
    const { rerank, rerankModel, ...body } = c.req.valid('json')
    const { chunks, missing } = await deps.knowledge.search({
      access: c.get('access'),
      kbIds: [id],
      ...body,
      ...(rerank ? { rerank: { model: rerankModel || undefined } } : {}),
    })
    if (missing.length) throw ApiError.notFound('Knowledge base', id)
    return c.json({ chunks, context: contextOf(chunks) }, 200)
  })
}

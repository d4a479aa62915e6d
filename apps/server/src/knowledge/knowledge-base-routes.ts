import { randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json, jsonBody } from '../http/openapi-helpers.ts'
import { DEMO_EMBEDDING_MODEL } from './demo-embedding.ts'
import { defaultEmbedding } from './knowledge-embedder.ts'
import { KnowledgeBaseView, viewKnowledgeBase } from './knowledge-views.ts'
import { requireKnowledgeBase } from './require-knowledge-base.ts'

const tags = ['knowledge']
const author = requireRole('student')

const Name = z.string().trim().min(1).max(200)
const CreateKb = z
  .object({
    name: Name,
    embeddingProviderId: z.string().max(200).nullable().optional(),
    embeddingModel: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({
        description: `Left out: the default provider's embedding model, or "${DEMO_EMBEDDING_MODEL}" without one`,
      }),
  })
  .openapi('NewKnowledgeBase')
const PatchKb = z
  .object({
    name: Name.optional(),
    embeddingProviderId: z.string().max(200).nullable().optional(),
    embeddingModel: z.string().min(1).max(200).optional(),
  })
  .openapi('KnowledgeBasePatch')

const routes = {
  list: createRoute({
    method: 'get',
    path: '/knowledge-bases',
    tags,
    summary: 'My knowledge bases (知识库)',
    middleware: [author] as const,
    responses: {
      200: json(z.object({ knowledgeBases: z.array(KnowledgeBaseView) }), 'Newest first'),
      ...errors(401, 403),
    },
  }),
  create: createRoute({
    method: 'post',
    path: '/knowledge-bases',
    tags,
    summary: 'Create a knowledge base',
    middleware: [author] as const,
    request: { body: jsonBody(CreateKb) },
    responses: { 201: json(KnowledgeBaseView, 'Created'), ...errors(400, 401, 403) },
  }),
  get: createRoute({
    method: 'get',
    path: '/knowledge-bases/{id}',
    tags,
    summary: 'A knowledge base',
    middleware: [author] as const,
    request: { params: IdParam },
    responses: { 200: json(KnowledgeBaseView, 'It'), ...errors(401, 403, 404) },
  }),
  patch: createRoute({
    method: 'patch',
    path: '/knowledge-bases/{id}',
    tags,
    middleware: [author] as const,
    summary: 'Rename it, or change its embedding model: every document is indexed again (watch their status)',
    request: { params: IdParam, body: jsonBody(PatchKb) },
    responses: { 200: json(KnowledgeBaseView, 'Changed'), ...errors(400, 401, 403, 404) },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/knowledge-bases/{id}',
    tags,
    summary: 'Delete it with its documents',
    middleware: [author] as const,
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
  }),
}

/** Knowledge bases themselves (知识库): list, create, read, rename or re-embed, delete. */
export function createKnowledgeBaseRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(routes.list, async (c) => {
      const kbs = await deps.store.listKnowledgeBases(c.get('access'))
      return c.json({ knowledgeBases: kbs.map(viewKnowledgeBase) }, 200)
    })
    .openapi(routes.create, async (c) => {
      const body = c.req.valid('json')
      const embedding = body.embeddingModel
        ? { embeddingProviderId: body.embeddingProviderId ?? null, embeddingModel: body.embeddingModel }
        : defaultEmbedding(deps.models)
      const kb = await deps.store.createKnowledgeBase(c.get('access'), {
        id: randomUUID(),
        name: body.name,
        ...embedding,
        createdAt: deps.now(),
      })
      return c.json(viewKnowledgeBase(kb), 201)
    })
    .openapi(routes.get, async (c) => {
      const kb = await requireKnowledgeBase(deps, c.get('access'), c.req.valid('param').id)
      return c.json(viewKnowledgeBase(kb), 200)
    })
    .openapi(routes.patch, async (c) => {
      const { id } = c.req.valid('param')
      const patch = c.req.valid('json')
      const kb = await deps.store.updateKnowledgeBase(c.get('access'), id, patch, deps.now())
      if (!kb) throw ApiError.notFound('Knowledge base', id)
      deps.knowledge.wake()
      return c.json(viewKnowledgeBase(kb), 200)
    })
    .openapi(routes.remove, async (c) => {
      const { id } = c.req.valid('param')
      if (!(await deps.store.deleteKnowledgeBase(c.get('access'), id)))
        throw ApiError.notFound('Knowledge base', id)
      return c.body(null, 204)
    })
}

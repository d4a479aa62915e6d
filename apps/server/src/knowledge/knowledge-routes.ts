import { randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json, jsonBody } from '../http/openapi-helpers.ts'
import { chunkText } from './chunk-text.ts'
import { DEMO_EMBEDDING_MODEL } from './demo-embedding.ts'
import { defaultEmbedding } from './knowledge-embedder.ts'
import { checkKind, kindType, readUpload, uploadLimit } from './knowledge-upload.ts'
import {
  FoundChunkView,
  KbDocumentView,
  KnowledgeBaseView,
  viewDocument,
  viewKnowledgeBase,
} from './knowledge-views.ts'
import { parseDocument } from './parse-document.ts'
import { contextOf } from './search-knowledge-bases.ts'

const tags = ['knowledge']
const author = requireRole('student')

const KbIdParam = z.object({
  id: IdParam.shape.id,
  documentId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'documentId', in: 'path' } }),
})
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
const UploadQuery = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'The file name (its extension tells the type when the Content-Type does not)' }),
})
const file = { schema: z.string().openapi({ format: 'binary' }) }
const uploadBody = {
  required: true,
  content: {
    'application/octet-stream': file,
    'text/plain': file,
    'text/markdown': file,
    'text/html': file,
    'application/pdf': file,
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': file,
    // multipart/form-data (field `file`) is read too; declaring it here would make the router validate it as a form.
  },
}
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
  upload: createRoute({
    method: 'post',
    path: '/knowledge-bases/{id}/documents',
    tags,
    middleware: [author, uploadLimit] as const,
    summary:
      'Add a document (.txt .md .html .docx .pdf, ≤ 20 MB): the file as the body with its Content-Type and ?name=, or multipart field `file`',
    description:
      'Answers at once with status `parsing`; it moves on to chunking, indexing and ready (or failed with `error`). A document of the same name is replaced.',
    request: { params: IdParam, query: UploadQuery, body: uploadBody },
    responses: {
      201: json(KbDocumentView, 'Stored, to be processed'),
      ...errors(400, 401, 403, 404, 413, 415),
    },
  }),
  fromUrl: createRoute({
    method: 'post',
    path: '/knowledge-bases/{id}/documents/from-url',
    tags,
    middleware: [author] as const,
    summary: 'Add a web page by its address (fetched through the outbound guard: no private addresses)',
    request: { params: IdParam, body: jsonBody(z.object({ url: z.url().max(2000) }).openapi('DocumentUrl')) },
    responses: {
      201: json(KbDocumentView, 'Stored, to be processed'),
      ...errors(400, 401, 403, 404, 413, 415),
    },
  }),
  documents: createRoute({
    method: 'get',
    path: '/knowledge-bases/{id}/documents',
    tags,
    summary: 'Its documents with their status',
    middleware: [author] as const,
    request: { params: IdParam },
    responses: {
      200: json(z.object({ documents: z.array(KbDocumentView) }), 'Oldest first'),
      ...errors(401, 403, 404),
    },
  }),
  removeDocument: createRoute({
    method: 'delete',
    path: '/knowledge-bases/{id}/documents/{documentId}',
    tags,
    middleware: [author] as const,
    summary: 'Delete a document with its chunks and vectors',
    request: { params: KbIdParam },
    responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
  }),
  chunks: createRoute({
    method: 'get',
    path: '/knowledge-bases/{id}/documents/{documentId}/chunks',
    tags,
    middleware: [author] as const,
    summary: "A document's chunks in order",
    request: {
      params: KbIdParam,
      query: z.object({
        offset: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: {
      200: json(
        z.object({
          chunks: z.array(
            z.object({
              id: z.string(),
              position: z.number(),
              heading: z.string().nullable(),
              text: z.string(),
            }),
          ),
        }),
        'Chunks',
      ),
      ...errors(401, 403, 404),
    },
  }),
  preview: createRoute({
    method: 'post',
    path: '/knowledge-bases/chunk-preview',
    tags,
    middleware: [author, uploadLimit] as const,
    summary: 'How a file would be cut into chunks, without storing it',
    request: { query: UploadQuery, body: uploadBody },
    responses: {
      200: json(
        z.object({ chunks: z.array(z.object({ heading: z.string().nullable(), text: z.string() })) }),
        'The chunks',
      ),
      ...errors(400, 401, 403, 413, 415),
    },
  }),
  query: createRoute({
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
  }),
}

export function createKnowledgeRoutes(deps: AppDeps) {
  const kbOf = async (access: Parameters<AppDeps['store']['getKnowledgeBase']>[0], id: string) => {
    const kb = await deps.store.getKnowledgeBase(access, id)
    if (!kb) throw ApiError.notFound('Knowledge base', id)
    return kb
  }
  const store = async (
    access: Parameters<AppDeps['store']['getKnowledgeBase']>[0],
    kbId: string,
    doc: { bytes: Uint8Array; mimeType: string; name: string; sourceUrl: string | null },
  ) => {
    const kind = checkKind(doc.mimeType, doc.name, doc.bytes)
    const saved = await deps.store.saveKbDocument(access, {
      id: randomUUID(),
      kbId,
      name: doc.name,
      mimeType: doc.mimeType.split(';')[0]?.trim() || kindType(kind),
      sourceUrl: doc.sourceUrl,
      content: doc.bytes,
      createdAt: deps.now(),
    })
    if (!saved) throw ApiError.notFound('Knowledge base', kbId)
    deps.knowledge.wake()
    return viewDocument(saved)
  }
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
    .openapi(routes.get, async (c) =>
      c.json(viewKnowledgeBase(await kbOf(c.get('access'), c.req.valid('param').id)), 200),
    )
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
    .openapi(routes.upload, async (c) => {
      const { id } = c.req.valid('param')
      await kbOf(c.get('access'), id)
      const upload = await readUpload(c.req, c.req.valid('query').name)
      return c.json(await store(c.get('access'), id, { ...upload, sourceUrl: null }), 201)
    })
    .openapi(routes.fromUrl, async (c) => {
      const { id } = c.req.valid('param')
      await kbOf(c.get('access'), id)
      const { url } = c.req.valid('json')
      const page = await deps.knowledge.fetchPage(url)
      return c.json(await store(c.get('access'), id, { ...page, sourceUrl: url }), 201)
    })
    .openapi(routes.documents, async (c) => {
      const { id } = c.req.valid('param')
      const docs = await deps.store.listKbDocuments(c.get('access'), id)
      if (!docs) throw ApiError.notFound('Knowledge base', id)
      return c.json({ documents: docs.map(viewDocument) }, 200)
    })
    .openapi(routes.removeDocument, async (c) => {
      const { id, documentId } = c.req.valid('param')
      if (!(await deps.store.deleteKbDocument(c.get('access'), id, documentId)))
        throw ApiError.notFound('Document', documentId)
      return c.body(null, 204)
    })
    .openapi(routes.chunks, async (c) => {
      const { id, documentId } = c.req.valid('param')
      const chunks = await deps.store.listKbChunks(c.get('access'), id, documentId, c.req.valid('query'))
      if (!chunks) throw ApiError.notFound('Knowledge base', id)
      return c.json(
        { chunks: chunks.map(({ id, position, heading, text }) => ({ id, position, heading, text })) },
        200,
      )
    })
    .openapi(routes.preview, async (c) => {
      const upload = await readUpload(c.req, c.req.valid('query').name)
      const kind = checkKind(upload.mimeType, upload.name, upload.bytes)
      let text: string
      try {
        text = await parseDocument(upload.bytes, kind)
      } catch (err) {
        throw new ApiError(422, 'DOCUMENT_UNREADABLE', (err as Error).message, { field: 'body' })
      }
      return c.json({ chunks: chunkText(text) }, 200)
    })
    .openapi(routes.query, async (c) => {
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

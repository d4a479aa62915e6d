import { randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import type { Access } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json, jsonBody } from '../http/openapi-helpers.ts'
import { chunkText } from './chunk-text.ts'
import { checkKind, kindType, readUpload, uploadLimit } from './knowledge-upload.ts'
import { KbDocumentView, viewDocument } from './knowledge-views.ts'
import { parseDocument } from './parse-document.ts'
import { requireKnowledgeBase } from './require-knowledge-base.ts'

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
const routes = {
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
}

/**
 * A knowledge base's documents: added as a file or a web page (processed in the background, see
 * process-document.ts), listed, read as chunks, deleted; and a file's chunks previewed without storing it.
 */
export function createKnowledgeDocumentRoutes(deps: AppDeps) {
  const store = async (
    access: Access,
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
    .openapi(routes.upload, async (c) => {
      const { id } = c.req.valid('param')
      await requireKnowledgeBase(deps, c.get('access'), id)
      const upload = await readUpload(c.req, c.req.valid('query').name)
      return c.json(await store(c.get('access'), id, { ...upload, sourceUrl: null }), 201)
    })
    .openapi(routes.fromUrl, async (c) => {
      const { id } = c.req.valid('param')
      await requireKnowledgeBase(deps, c.get('access'), id)
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
}

import type { HonoRequest } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { ApiError } from '../http/api-error.ts'
import { DOCUMENT_KINDS, type DocumentKind, documentKind, MAX_DOCUMENT_BYTES } from './parse-document.ts'

// A document upload, read once for the knowledge routes: its own 20 MB limit, a raw body or a multipart file, and
// the file kinds a knowledge base parses.

/** The API paths whose body is a file: the app's JSON body limit leaves them to this router's own 20 MB. */
export const isKnowledgeUpload = (req: HonoRequest) =>
  req.method === 'POST' && /^\/api\/knowledge-bases\/(?:[^/]+\/documents|chunk-preview)$/.test(req.path)

export const uploadLimit = bodyLimit({
  maxSize: MAX_DOCUMENT_BYTES,
  onError: () => {
    throw new ApiError(
      413,
      'BODY_TOO_LARGE',
      `A document may be at most ${MAX_DOCUMENT_BYTES} bytes (20 MB)`,
      {
        maxBytes: MAX_DOCUMENT_BYTES,
      },
    )
  },
})

export async function readUpload(req: HonoRequest, queryName: string | undefined) {
  const type = req.header('content-type') ?? ''
  if (type.startsWith('multipart/form-data')) {
    const form = await req.parseBody()
    const part = form.file
    if (!(part instanceof File))
      throw ApiError.badRequest('BODY_EMPTY', 'Send the document in the form field "file"', { field: 'file' })
    return {
      bytes: new Uint8Array(await part.arrayBuffer()),
      mimeType: part.type,
      name: queryName ?? part.name,
    }
  }
  const bytes = new Uint8Array(await req.arrayBuffer())
  if (!queryName)
    throw ApiError.badRequest('VALIDATION_FAILED', 'Give the file name as ?name=', { field: 'name' })
  return { bytes, mimeType: type, name: queryName }
}

export function checkKind(mimeType: string, name: string, bytes: Uint8Array) {
  if (bytes.length === 0) throw ApiError.badRequest('BODY_EMPTY', 'The document is empty', { field: 'body' })
  const kind = documentKind(mimeType, name)
  if (!kind) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `A knowledge base reads .txt, .md, .html, .docx and .pdf files; "${name}" (${mimeType || 'no type'}) is none of them`,
      {
        field: 'name',
        mimeType,
      },
    )
  }
  return kind
}

export const kindType = (kind: DocumentKind) => DOCUMENT_KINDS[kind]

import { randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { MEDIA_TYPES, type MediaType, NodeError, normalMediaType } from '@zhiliu/nodes'
import type { HonoRequest } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import type { AppDeps } from '../app-deps.ts'
import type { AppEnv } from '../app-env.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json } from '../http/openapi-helpers.ts'
import { configuredBase } from '../publishing/publish-urls.ts'
import { createMediaStore } from './create-media-store.ts'

/** A 4096×4096 PNG is about 20 MB; OpenAI's transcription API takes files up to 25 MB. */
export const MAX_UPLOAD_BYTES = { image: 20 * 1024 * 1024, audio: 25 * 1024 * 1024 } as const

/** The one API path whose body is a file, not JSON: the app's general body limit leaves it to this route's own. */
export const isMediaUpload = (req: HonoRequest) => req.method === 'POST' && req.path === '/api/media'

const ACCEPTED = Object.keys(MEDIA_TYPES) as MediaType[]
const binary = { schema: z.string().openapi({ format: 'binary' }) }

const MediaView = z
  .object({
    id: z.string().openapi({ example: '3f9c0d2e8a7b4c1d9e6f5a4b3c2d1e0f.png' }),
    url: z.string().openapi({ example: '/media/3f9c0d2e8a7b4c1d9e6f5a4b3c2d1e0f.png' }),
    mimeType: z.string().openapi({ example: 'image/png' }),
    bytes: z.number().int(),
  })
  .openapi('UploadedMedia')

/** Refuses what the store would not keep, by the declared type, before a byte is read; then limits by kind. */
const uploadLimit = createMiddleware<AppEnv>(async (c, next) => {
  const declared = c.req.header('content-type') ?? ''
  const type = normalMediaType(declared)
  if (!type) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Upload a PNG, JPEG, WebP or GIF image or an audio file, sent as the body with its Content-Type; "${declared.slice(0, 80) || 'no type'}" is not taken (SVG and HTML never are)`,
      { mimeType: declared.slice(0, 200), accepted: ACCEPTED },
    )
  }
  const maxSize = type.startsWith('audio/') ? MAX_UPLOAD_BYTES.audio : MAX_UPLOAD_BYTES.image
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'BODY_TOO_LARGE', `The file is larger than ${maxSize} bytes`, {
        maxBytes: maxSize,
      })
    },
  })(c, next)
})

const upload = createRoute({
  method: 'post',
  path: '/media',
  tags: ['publishing'],
  summary:
    'Upload an image or a recording for an AI node (ai.vision, ai.transcribe); answers its lasting address',
  description:
    'Send the file itself as the request body with its `Content-Type` (`curl --data-binary @photo.png -H ' +
    "'Content-Type: image/png'`), not as a multipart form. PNG, JPEG, WebP and GIF images up to 20 MB and audio " +
    '(MP3, WAV, Ogg/Opus, AAC, FLAC, M4A, WebM) up to 25 MB; the bytes must be what the type says, and SVG or HTML ' +
    'is refused (415). The file is kept with the other media (DATA_DIR/media, or the database with DATABASE_URL) and served publicly at `url` like generated media: ' +
    'the 128-bit random id is the secret. Put `url` (or `id`) into the node field. Needs the editor role.',
  middleware: [requireRole('editor'), uploadLimit] as const,
  request: {
    body: {
      required: true,
      content: Object.fromEntries(ACCEPTED.map((type) => [type, binary])),
    },
  },
  responses: {
    201: json(MediaView, 'Stored'),
    ...errors(400, 401, 403, 413, 415),
  },
})

export function createMediaUploadRoutes(deps: Pick<AppDeps, 'config' | 'files'>) {
  const store = createMediaStore({ files: deps.files, base: configuredBase(deps.config) })
  return createRouter().openapi(upload, async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    if (bytes.length === 0)
      throw ApiError.badRequest('BODY_EMPTY', 'The body is empty; send the file as the body')
    try {
      // A fresh key: every upload is a new file, and nothing retries it on the server's side.
      const saved = await store.save({
        key: `upload:${randomUUID()}`,
        bytes,
        mimeType: c.req.header('content-type') ?? '',
      })
      return c.json({ id: saved.id, url: saved.url, mimeType: saved.mimeType, bytes: saved.bytes }, 201)
    } catch (err) {
      if (err instanceof NodeError && err.code === 'MEDIA_TYPE_REFUSED') {
        throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', err.message, err.details)
      }
      // A full or read-only disk is the server's trouble, not a refusal of this file.
      if (err instanceof NodeError && err.code === 'MEDIA_WRITE_FAILED') {
        throw new ApiError(503, err.code, err.message, err.details)
      }
      throw err
    }
  })
}

import { createRoute, z } from '@hono/zod-openapi'
import { mediaTypeOfId } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, PUBLIC } from '../http/openapi-helpers.ts'
import { byteRange } from './byte-range.ts'

const binary = { schema: z.string().openapi({ format: 'binary' }) }

const media = createRoute({
  method: 'get',
  path: '/media/{file}',
  tags: ['publishing'],
  summary:
    'An image or audio file an AI node stored (ai.image, ai.speech): PNG, JPEG, WebP, GIF or audio only, never SVG or HTML; cached for a year',
  security: PUBLIC,
  request: {
    params: z.object({
      file: z.string().max(200).openapi({ example: '3f9c0d2e8a7b4c1d9e6f5a4b3c2d1e0f.png' }),
    }),
  },
  responses: {
    200: {
      description:
        'The file, with its type, `X-Content-Type-Options: nosniff`, a sandboxing policy and `Cross-Origin-Resource-Policy: cross-origin`',
      content: { 'image/png': binary, 'image/jpeg': binary, 'audio/mpeg': binary, 'audio/wav': binary },
    },
    206: {
      description: 'The bytes a `Range: bytes=…` header asked for (one range), with `Content-Range`',
      content: { 'audio/mpeg': binary, 'audio/wav': binary },
    },
    416: { description: 'The range starts past the end of the file; `Content-Range: bytes */<size>`' },
    ...errors(404),
  },
})

/**
 * Public, like feeds and pages: the address is the secret (128 random bits), so a flow can hand it to a chat group
 * or a page. A file never changes under its name, hence the year of caching.
 */
export function createMediaRoutes(deps: Pick<AppDeps, 'files'>) {
  return createRouter().openapi(media, async (c) => {
    const { file } = c.req.valid('param')
    const type = mediaTypeOfId(file)
    const bytes = type ? (await deps.files.get(file))?.bytes : undefined
    if (!type || !bytes) throw ApiError.notFound('Media')
    const headers = {
      'content-type': type,
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      // Opened on its own, the file runs nothing and loads nothing, whatever a browser makes of it.
      'content-security-policy': "default-src 'none'; sandbox",
      // Public by design, and published pages are sandboxed (an opaque origin): same-origin would hide it from them.
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'public, max-age=31536000, immutable',
    }
    const range = byteRange(c.req.header('range'), bytes.length)
    if (range === 'unsatisfiable') {
      return c.body(null, 416, { ...headers, 'content-range': `bytes */${bytes.length}` })
    }
    if (range) {
      const part = new Uint8Array(bytes.subarray(range.start, range.end + 1))
      return c.body(part, 206, {
        ...headers,
        'content-length': String(part.length),
        'content-range': `bytes ${range.start}-${range.end}/${bytes.length}`,
      })
    }
    return c.body(new Uint8Array(bytes), 200, { ...headers, 'content-length': String(bytes.length) })
  })
}

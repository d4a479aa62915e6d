import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { createFlow } from '../flows/save-flow.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json } from '../http/openapi-helpers.ts'
import { machineInterfaces, shareOrigins } from './share-addresses.ts'
import { describeShare, newShareToken } from './share-link.ts'
import { sharedDocument } from './shared-document.ts'
import { TokenParam } from './shared-flow-routes.ts'

const tags = ['sharing']
const MAX_MINUTES = 30 * 24 * 60

export const ShareView = z
  .object({
    url: z.string().openapi({ example: 'http://192.168.1.20:3000/s/Qm3k…' }),
    qrSvg: z.string().openapi({ description: 'A QR code of `url`, as an SVG document' }),
    token: z.string(),
    createdAt: z.number(),
    expiresAt: z.number().nullable().openapi({ description: 'Null: until revoked' }),
    addresses: z.array(z.string()).openapi({
      description:
        "Origins students may reach this server at (ZHILIU_PUBLIC_URL, else the machine's network addresses)",
    }),
  })
  .openapi('Share')

const ShareRequest = z
  .object({
    expiresInMinutes: z.number().int().min(1).max(MAX_MINUTES).nullable().optional().openapi({
      description: 'Null: until revoked; left out: an existing link keeps its expiry (a new one has none)',
    }),
    address: z
      .string()
      .max(300)
      .optional()
      .openapi({ description: 'One of `addresses` to build the link on; the first by default' }),
  })
  .openapi('ShareRequest')

const postShare = createRoute({
  method: 'post',
  path: '/flows/{id}/share',
  tags,
  summary: 'Share the flow read-only with a class: a link (kept while it is valid) and its QR code',
  middleware: [requireRole('editor')] as const,
  request: {
    params: IdParam,
    body: { required: false, content: { 'application/json': { schema: ShareRequest } } },
  },
  responses: { 200: json(ShareView, 'The link'), ...errors(400, 401, 403, 404) },
})

const getShare = createRoute({
  method: 'get',
  path: '/flows/{id}/share',
  tags,
  summary: "The flow's valid share link, if any",
  middleware: [requireRole('editor')] as const,
  request: { params: IdParam, query: z.object({ address: z.string().max(300).optional() }) },
  responses: { 200: json(ShareView, 'The link'), ...errors(401, 403, 404) },
})

const deleteShare = createRoute({
  method: 'delete',
  path: '/flows/{id}/share',
  tags,
  summary: 'Revoke the share link: it answers 404 from now on',
  middleware: [requireRole('editor')] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Revoked' }, ...errors(401, 403, 404) },
})

const copyShared = createRoute({
  method: 'post',
  path: '/shared/{token}/copy',
  tags,
  summary:
    "Make my own copy of a shared flow (复制到我的流程): a new flow of the caller's, as the link shows it",
  middleware: [requireRole('student')] as const,
  request: { params: TokenParam },
  responses: { 201: json(z.object({ id: z.string() }), 'The copy'), ...errors(401, 403, 404) },
})

export function createShareRoutes(deps: AppDeps) {
  const originsFor = (requestUrl: string, address: string | undefined) => {
    const origins = shareOrigins(deps.config.publicUrl, requestUrl, machineInterfaces(), deps.config.host)
    const origin = address ?? origins[0]
    if (!origin || !origins.includes(origin)) {
      throw ApiError.badRequest('SHARE_ADDRESS_UNKNOWN', `"${address}" is not one of ${origins.join(', ')}`)
    }
    return { origin, origins }
  }
  return createRouter()
    .openapi(postShare, async (c) => {
      const { id } = c.req.valid('param')
      const { expiresInMinutes, address } = c.req.valid('json') ?? {}
      const { origin, origins } = originsFor(c.req.url, address)
      const now = deps.now()
      const current = await deps.store.getFlowShare(c.get('access'), id)
      const valid = current && (current.expiresAt === null || current.expiresAt > now) ? current : undefined
      const expiresAt =
        expiresInMinutes === undefined
          ? (valid?.expiresAt ?? null)
          : expiresInMinutes === null
            ? null
            : now + expiresInMinutes * 60_000
      const share = await deps.store.saveFlowShare(c.get('access'), {
        flowId: id,
        token: valid?.token ?? newShareToken(),
        createdAt: valid?.createdAt ?? now,
        expiresAt,
      })
      if (!share) throw ApiError.notFound('Flow', id)
      return c.json(await describeShare(share, origin, origins), 200)
    })
    .openapi(getShare, async (c) => {
      const { id } = c.req.valid('param')
      const { origin, origins } = originsFor(c.req.url, c.req.valid('query').address)
      const share = await deps.store.getFlowShare(c.get('access'), id)
      if (!share || (share.expiresAt !== null && share.expiresAt <= deps.now())) {
        throw ApiError.notFound('Share link of flow', id)
      }
      return c.json(await describeShare(share, origin, origins), 200)
    })
    .openapi(copyShared, async (c) => {
      const found = await deps.store.findSharedFlow(c.req.valid('param').token, deps.now())
      if (!found) throw ApiError.notFound('Shared flow')
      const document = sharedDocument(found.flow.document, deps.registry, deps.redactor)
      const user = c.get('user')
      const copy = await createFlow(deps, c.get('access'), document)
      await deps.store.recordFlowCopy({
        flowId: copy.id,
        sourceFlowId: found.flow.id,
        userId: user.id,
        createdAt: copy.createdAt,
      })
      return c.json({ id: copy.id }, 201)
    })
    .openapi(deleteShare, async (c) => {
      const { id } = c.req.valid('param')
      if (!(await deps.store.deleteFlowShare(c.get('access'), id)))
        throw ApiError.notFound('Share link of flow', id)
      return c.body(null, 204)
    })
}

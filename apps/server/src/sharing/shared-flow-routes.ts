import { createRoute, z } from '@hono/zod-openapi'
import { buildCatalogue, type CatalogueEntry } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { CatalogueEntryView } from '../catalogue/create-catalogue-routes.ts'
import { FlowDocument } from '../flows/flow-views.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json, PUBLIC } from '../http/openapi-helpers.ts'
import { sharePath } from './share-link.ts'
import { sharedDocument } from './shared-document.ts'

export const TokenParam = z.object({
  token: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'token', in: 'path' } }),
})

const getShared = createRoute({
  method: 'get',
  path: '/shared/{token}',
  tags: ['sharing'],
  security: PUBLIC,
  summary:
    'A shared flow, without signing in: the graph with credentials, secrets, webhook paths and runs left out, and the catalogue entries of its node types',
  request: { params: TokenParam },
  responses: {
    200: json(
      z
        .object({
          flow: FlowDocument,
          nodes: z
            .array(CatalogueEntryView)
            .openapi({ description: 'Catalogue entries (GET /api/nodes) of the node types used' }),
          expiresAt: z.number().nullable(),
        })
        .openapi('SharedFlow'),
      'The shared flow',
    ),
    ...errors(404),
  },
})

/**
 * What anyone with a share link may read, mounted before sign-in: the JSON the share page shows, and the page itself
 * (`/s/:token`), which is the editor's own page (same CSP) answered 200 while the link is valid and 404 once it is
 * revoked or expired, so a scanner or a preview sees the difference. The page route passes on to the editor's
 * static route, mounted after it.
 */
export function createSharedFlowRoutes(deps: AppDeps) {
  let catalogue: CatalogueEntry[] | undefined
  const entriesFor = (types: ReadonlySet<string>) => {
    catalogue ??= buildCatalogue(deps.registry.all).nodes
    return catalogue.filter((e) => types.has(`${e.type}@${e.version}`))
  }
  const router = createRouter().openapi(getShared, async (c) => {
    const { token } = c.req.valid('param')
    const found = await deps.store.findSharedFlow(token, deps.now())
    if (!found) throw ApiError.notFound('Shared flow')
    const flow = sharedDocument(found.flow.document, deps.registry, deps.redactor)
    const nodes = entriesFor(new Set(flow.nodes.map((n) => `${n.type}@${n.version}`)))
    // Never cached: a revoked link must stop working at once, also behind a proxy.
    c.header('cache-control', 'no-store')
    return c.json({ flow, nodes, expiresAt: found.share.expiresAt }, 200)
  })
  return router
}

export function createSharePageRoutes(deps: Pick<AppDeps, 'store' | 'now'>) {
  return createRouter().get(sharePath(':token'), async (c, next) => {
    const found = await deps.store.findSharedFlow(c.req.param('token') ?? '', deps.now())
    await next()
    if (!found) c.res = new Response(c.res.body, { status: 404, headers: c.res.headers })
    c.res.headers.set('cache-control', 'no-store')
  })
}

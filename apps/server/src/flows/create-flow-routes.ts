import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json, jsonBody, PageQuery } from '../http/openapi-helpers.ts'
import {
  FlowDocument,
  FlowIdParam,
  FlowSummaryView,
  FlowView,
  toFlowSummaryView,
  toFlowView,
} from './flow-views.ts'
import { createFlow, replaceDraft } from './save-flow.ts'

const tags = ['flows']
// Students build, change and delete flows of their own too (their copies of a lesson).
const author = requireRole('student')

/**
 * `owner=me` narrows the owner role's list to their own flows: a teacher's list otherwise holds every student's copy
 * of each lesson, under the same name. Absent means everything the caller may see, as before, so scripts keep working.
 */
const FlowListQuery = PageQuery.extend({
  owner: z
    .enum(['me', 'all'])
    .optional()
    .openapi({
      description:
        "`me`: only the caller's own flows; `all` (the default): every flow the caller may see, which is the same " +
        'for every role but the owner',
    }),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .openapi({
      description:
        'Only flows whose name contains this, ignoring case (`%` and `_` are plain characters); for the owner role ' +
        'with `owner=all` also every flow of a member whose display name or sign-in contains it. `total` counts the matches',
      example: 'lesson',
    }),
})

const listFlows = createRoute({
  method: 'get',
  path: '/flows',
  tags,
  summary: 'Your flows (every flow for the owner), most recently updated first',
  request: { query: FlowListQuery },
  responses: {
    200: json(
      z.object({
        items: z.array(FlowSummaryView),
        total: z.number().int(),
        limit: z.number(),
        offset: z.number(),
      }),
      'A page of flows',
    ),
    ...errors(400, 401),
  },
})

const postFlow = createRoute({
  method: 'post',
  path: '/flows',
  tags,
  summary: 'Create a flow from a document (a draft may be incomplete; only its shape is checked)',
  middleware: [author] as const,
  request: { body: jsonBody(FlowDocument) },
  responses: { 201: json(z.object({ id: z.string() }), 'Created'), ...errors(400, 401, 403, 409) },
})

const getFlow = createRoute({
  method: 'get',
  path: '/flows/{id}',
  tags,
  summary: 'A flow with its draft document',
  request: { params: FlowIdParam },
  responses: { 200: json(FlowView, 'The flow'), ...errors(401, 404) },
})

const putFlow = createRoute({
  method: 'put',
  path: '/flows/{id}',
  tags,
  summary: "Replace the flow's draft; the published version is untouched until the next publish",
  middleware: [author] as const,
  request: {
    params: FlowIdParam,
    headers: z.object({
      'if-match': z
        .string()
        .regex(/^(W\/)?"?\d+"?$/, 'use the ETag a GET or PUT of this flow answered, e.g. "1764150000000"')
        .optional()
        .openapi({
          description:
            'The revision this draft was edited from (the ETag of GET /flows/{id}): refused with 412 if it was saved elsewhere since',
        }),
    }),
    body: jsonBody(FlowDocument),
  },
  responses: { 200: json(FlowView, 'The saved flow'), ...errors(400, 401, 403, 404, 409, 412) },
})

const deleteFlow = createRoute({
  method: 'delete',
  path: '/flows/{id}',
  tags,
  summary: 'Delete a flow and its versions; its runs stay in history',
  middleware: [author] as const,
  request: { params: FlowIdParam },
  responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
})

export function createFlowRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listFlows, async (c) => {
      const { limit = 50, offset = 0, owner, q } = c.req.valid('query')
      const access = c.get('access')
      const scope = owner === 'me' ? { userId: access.userId, all: false } : access
      const page = await deps.store.listFlows(scope, { limit, offset, q })
      return c.json({ items: page.items.map(toFlowSummaryView), total: page.total, limit, offset }, 200)
    })
    .openapi(postFlow, async (c) => {
      const flow = await createFlow(deps, c.get('access'), c.req.valid('json'))
      return c.json({ id: flow.id }, 201)
    })
    .openapi(getFlow, async (c) => {
      const { id } = c.req.valid('param')
      const flow = await deps.store.getFlow(c.get('access'), id)
      if (!flow) throw ApiError.notFound('Flow', id)
      return c.json(toFlowView(flow), 200, { etag: etagOf(flow) })
    })
    .openapi(putFlow, async (c) => {
      const { id } = c.req.valid('param')
      const ifMatch = c.req.valid('header')['if-match']
      const revision = ifMatch === undefined ? undefined : Number(ifMatch.replace(/\D/g, ''))
      const flow = await replaceDraft(deps, c.get('access'), id, c.req.valid('json'), revision)
      if (!flow) throw ApiError.notFound('Flow', id)
      return c.json(toFlowView(flow), 200, { etag: etagOf(flow) })
    })
    .openapi(deleteFlow, async (c) => {
      const { id } = c.req.valid('param')
      if (!(await deps.store.deleteFlow(c.get('access'), id))) throw ApiError.notFound('Flow', id)
      return c.body(null, 204)
    })
}

/** A draft's revision, for If-Match: its updatedAt, which every save moves forward. */
const etagOf = (flow: { updatedAt: number }) => `"${flow.updatedAt}"`

import { createRoute, z } from '@hono/zod-openapi'
import { validateFlow } from '@zhiliu/engine'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json, jsonBody } from '../http/openapi-helpers.ts'
import {
  FlowIdParam,
  FlowProblemView,
  FlowVersionSummaryView,
  FlowVersionView,
  FlowView,
  toFlowView,
} from './flow-views.ts'
import { refuseCallCycle } from './refuse-call-cycle.ts'
import { flowInvalidResponse, refuseInvalidFlow } from './refuse-invalid-flow.ts'
import { replaceDraft } from './save-flow.ts'

const tags = ['flow versions']
const editor = requireRole('editor')
const VersionParams = FlowIdParam.extend({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'version', in: 'path' } }),
})

const validate = createRoute({
  method: 'post',
  path: '/flows/{id}/validate',
  tags,
  summary: 'Check the draft: every problem with its node and field',
  request: { params: FlowIdParam },
  responses: {
    200: json(z.object({ ok: z.boolean(), problems: z.array(FlowProblemView) }), 'The check'),
    ...errors(401, 404),
  },
})

const publish = createRoute({
  method: 'post',
  path: '/flows/{id}/publish',
  tags,
  summary: 'Snapshot the draft as the next immutable version and make it the one webhooks and schedules run',
  middleware: [editor] as const,
  request: { params: FlowIdParam },
  responses: {
    201: json(FlowVersionSummaryView, 'Published'),
    // 409 FLOW_CALL_CYCLE: the flows it calls would call it back; `details.flows` names them in order.
    ...errors(401, 403, 404, 409),
    422: flowInvalidResponse,
  },
})

const listVersions = createRoute({
  method: 'get',
  path: '/flows/{id}/versions',
  tags,
  summary: 'Published versions, newest first',
  request: { params: FlowIdParam },
  responses: {
    200: json(z.object({ items: z.array(FlowVersionSummaryView) }), 'Versions'),
    ...errors(401, 404),
  },
})

const getVersion = createRoute({
  method: 'get',
  path: '/flows/{id}/versions/{version}',
  tags,
  summary: 'One published version with its document',
  request: { params: VersionParams },
  responses: { 200: json(FlowVersionView, 'The version'), ...errors(400, 401, 404) },
})

const rollback = createRoute({
  method: 'post',
  path: '/flows/{id}/rollback',
  tags,
  summary: 'Make an earlier (or later) version the published one',
  description:
    'By default only what runs changes and the draft keeps any unpublished work. With `restoreDraft: true` the ' +
    'version\'s document also replaces the draft, as the editor\'s "restore this version" does.',
  middleware: [editor] as const,
  request: {
    params: FlowIdParam,
    body: jsonBody(
      z
        .object({ version: z.number().int().min(1), restoreDraft: z.boolean().default(false) })
        .openapi('Rollback'),
    ),
  },
  responses: { 200: json(FlowView, 'The flow after the rollback'), ...errors(400, 401, 403, 404, 409) },
})

export function createVersionRoutes(deps: AppDeps) {
  const check = (document: unknown) => validateFlow(document, { definitions: deps.registry.all })

  return createRouter()
    .openapi(validate, async (c) => {
      const { id } = c.req.valid('param')
      const flow = await deps.store.getFlow(c.get('access'), id)
      if (!flow) throw ApiError.notFound('Flow', id)
      const { ok, problems } = check(flow.document)
      return c.json({ ok, problems }, 200)
    })
    .openapi(publish, async (c) => {
      const { id } = c.req.valid('param')
      const access = c.get('access')
      const flow = await deps.store.getFlow(access, id)
      if (!flow) throw ApiError.notFound('Flow', id)
      refuseInvalidFlow(deps, flow.document, 'publish')
      await refuseCallCycle(deps.store, id, flow.document)
      const version = await deps.store.publishFlow(access, id)
      if (!version) throw ApiError.notFound('Flow', id)
      const { document: _, ...summary } = version
      return c.json(summary, 201)
    })
    .openapi(listVersions, async (c) => {
      const { id } = c.req.valid('param')
      const items = await deps.store.listFlowVersions(c.get('access'), id)
      if (!items) throw ApiError.notFound('Flow', id)
      return c.json({ items }, 200)
    })
    .openapi(getVersion, async (c) => {
      const { id, version } = c.req.valid('param')
      const found = await deps.store.getFlowVersion(c.get('access'), id, version)
      if (!found) throw ApiError.notFound(`Version ${version} of flow`, id)
      return c.json(found, 200)
    })
    .openapi(rollback, async (c) => {
      const { id } = c.req.valid('param')
      const { version, restoreDraft } = c.req.valid('json')
      const access = c.get('access')
      const target = await deps.store.getFlowVersion(access, id, version)
      if (!target) throw ApiError.notFound(`Version ${version} of flow`, id)
      // The draft first: if its webhook path is taken now, nothing has changed yet.
      if (restoreDraft) await replaceDraft(deps, access, id, target.document)
      const flow = await deps.store.setPublishedVersion(access, id, version)
      if (!flow) throw ApiError.notFound('Flow', id)
      return c.json(toFlowView(flow), 200)
    })
}

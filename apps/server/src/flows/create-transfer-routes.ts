import { createRoute, z } from '@hono/zod-openapi'
import { Flow } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json, jsonBody } from '../http/openapi-helpers.ts'
import { validationFailed } from '../http/validation-failed.ts'
import { attachment } from './content-disposition.ts'
import { FlowDocument, FlowIdParam } from './flow-views.ts'
import { createFlow } from './save-flow.ts'

const tags = ['flows']
const editor = requireRole('editor')

// Either form is accepted so people can import what they have: an export file (a bare document) or a saved
// `GET /api/flows/{id}` response. Parsed in the handler so errors point at the document's own fields.
const ImportBody = z.record(z.string(), z.unknown()).openapi('FlowImport', {
  description: 'A flow document (what export downloads), or an object whose `document` field is one',
})

const exportFlow = createRoute({
  method: 'get',
  path: '/flows/{id}/export',
  tags,
  summary: "Download the draft's document as a JSON file",
  request: { params: FlowIdParam },
  responses: {
    200: json(FlowDocument, 'The document, with Content-Disposition: attachment'),
    ...errors(401, 404),
  },
})

const importFlow = createRoute({
  method: 'post',
  path: '/flows/import',
  tags,
  summary: 'Create a new flow from an exported document',
  middleware: [editor] as const,
  request: { body: jsonBody(ImportBody) },
  responses: {
    201: json(z.object({ id: z.string() }), 'Imported as a new flow'),
    ...errors(400, 401, 403, 409),
  },
})

export function createTransferRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(exportFlow, async (c) => {
      const { id } = c.req.valid('param')
      const flow = await deps.store.getFlow(c.get('access'), id)
      if (!flow) throw ApiError.notFound('Flow', id)
      return c.json(flow.document, 200, { 'content-disposition': attachment(flow.name, 'json') })
    })
    .openapi(importFlow, async (c) => {
      const body = c.req.valid('json')
      const wrapped =
        !('schemaVersion' in body) && typeof body.document === 'object' && body.document !== null
      const parsed = Flow.safeParse(wrapped ? body.document : body)
      if (!parsed.success) throw validationFailed(parsed.error, 'json', wrapped ? ['document'] : [])
      const flow = await createFlow(deps, c.get('access'), parsed.data)
      return c.json({ id: flow.id }, 201)
    })
}

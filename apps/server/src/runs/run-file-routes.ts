import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { attachment } from '../flows/content-disposition.ts'
import { createFlow } from '../flows/save-flow.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json, jsonBody } from '../http/openapi-helpers.ts'
import { validationFailed } from '../http/validation-failed.ts'
import { RunFile } from './run-file.ts'
import { RunView, toRunView } from './run-view.ts'

const exportRun = createRoute({
  method: 'get',
  path: '/runs/{id}/export',
  tags: ['runs'],
  summary: 'Download the run with the flow document it ran, as one file another Zhiliu can replay',
  request: { params: IdParam },
  responses: { 200: json(RunFile, 'The file, with Content-Disposition: attachment'), ...errors(401, 404) },
})

const importRun = createRoute({
  method: 'post',
  path: '/runs/import',
  tags: ['runs'],
  summary:
    "Create a new flow from a run file's document and answer the run to replay on it; the run itself is not stored",
  middleware: [requireRole('editor')] as const,
  request: {
    body: jsonBody(z.record(z.string(), z.unknown()).openapi('RunFileImport', { description: 'A run file' })),
  },
  responses: {
    201: json(z.object({ flowId: z.string(), run: RunView }), 'The new flow and the recorded run'),
    ...errors(400, 401, 403, 409),
  },
})

export function createRunFileRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(exportRun, async (c) => {
      const { id } = c.req.valid('param')
      const access = c.get('access')
      const run = await deps.store.getRun(access, id)
      const results = run && (await deps.store.listNodeResults(access, id))
      const document = run && (await deps.runs.documents.forRun(run))
      if (!run || !results || !document) throw ApiError.notFound('Run', id)
      const file: RunFile = {
        format: 'zhiliu.run',
        version: 1,
        exportedAt: new Date(deps.now()).toISOString(),
        flow: document,
        run: toRunView(run, await deps.runs.readResults(run, results)),
      }
      const name = `${document.name || 'run'}-${id.slice(0, 8)}`
      return c.json(file, 200, { 'content-disposition': attachment(name, 'zhiliu-run.json') })
    })
    .openapi(importRun, async (c) => {
      const parsed = RunFile.safeParse(c.req.valid('json'))
      if (!parsed.success) throw validationFailed(parsed.error)
      const flow = await createFlow(deps, c.get('access'), parsed.data.flow)
      return c.json({ flowId: flow.id, run: parsed.data.run }, 201)
    })
}

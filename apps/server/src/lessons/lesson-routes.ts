import { createRoute, z } from '@hono/zod-openapi'
import type { Access } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { attachment } from '../flows/content-disposition.ts'
import { createFlow } from '../flows/save-flow.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json, jsonBody } from '../http/openapi-helpers.ts'
import { validationFailed } from '../http/validation-failed.ts'
import { LessonPack, MAX_PACK_FLOWS } from './lesson-pack.ts'
import { modelAnswers } from './model-answers.ts'

const tags = ['lessons']
const editor = requireRole('editor')

const ExportRequest = z
  .object({
    title: z.string().min(1).max(200).optional(),
    flowIds: z.array(z.string().max(200)).min(1).max(MAX_PACK_FLOWS),
  })
  .openapi('LessonPackRequest')

const exportPack = createRoute({
  method: 'post',
  path: '/lesson-packs/export',
  tags,
  summary: 'Download flows with their sample inputs and recorded model answers as one lesson pack file',
  middleware: [editor] as const,
  request: { body: jsonBody(ExportRequest) },
  responses: {
    200: json(LessonPack, 'The pack, with Content-Disposition: attachment'),
    ...errors(400, 401, 403, 404),
  },
})

// Parsed in the handler, so an error names the pack's own field (`flows.0.document.nodes`).
const ImportBody = z.record(z.string(), z.unknown()).openapi('LessonPackImport', {
  description: 'A lesson pack file, as export downloads it',
})

const ImportedFlow = z.object({
  id: z.string(),
  name: z.string(),
  sampleInput: z.unknown().optional(),
  recordedAnswers: z
    .number()
    .int()
    .openapi({ description: 'How many model answers the pack recorded for it' }),
})

const importPack = createRoute({
  method: 'post',
  path: '/lesson-packs/import',
  tags,
  summary:
    'Create every flow of a lesson pack; their runs answer model requests from the recording (offline, `provider: "recording"`)',
  middleware: [editor] as const,
  request: { body: jsonBody(ImportBody) },
  responses: {
    201: json(z.object({ flows: z.array(ImportedFlow) }), 'Imported as new flows, in pack order'),
    ...errors(400, 401, 403, 409),
  },
})

export function createLessonRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(exportPack, async (c) => {
      const { flowIds, title } = c.req.valid('json')
      const access = c.get('access')
      const flows = []
      for (const id of flowIds) {
        const flow = await deps.store.getFlow(access, id)
        if (!flow) throw ApiError.notFound('Flow', id)
        const sampleInput = await latestManualInput(deps, access, id)
        const answers = await modelAnswers(deps.store, 'captured', id, deps.now).read()
        flows.push({
          document: flow.document,
          ...(sampleInput === undefined ? {} : { sampleInput }),
          answers,
        })
      }
      const name = title ?? flows[0]?.document.name ?? 'lesson'
      const pack: LessonPack = {
        format: 'zhiliu.lesson-pack',
        version: 1,
        title: name,
        exportedAt: new Date(deps.now()).toISOString(),
        flows,
      }
      return c.json(pack, 200, { 'content-disposition': attachment(name, 'zhiliu-lesson.json') })
    })
    .openapi(importPack, async (c) => {
      const parsed = LessonPack.safeParse(c.req.valid('json'))
      if (!parsed.success) throw validationFailed(parsed.error)
      const imported = []
      for (const item of parsed.data.flows) {
        // The sample goes into the document, where the Run form and every copy of the flow find it.
        const document =
          item.sampleInput === undefined ? item.document : { ...item.document, sampleInput: item.sampleInput }
        const flow = await createFlow(deps, c.get('access'), document)
        await modelAnswers(deps.store, 'lesson', flow.id, deps.now).write(item.answers)
        imported.push({
          id: flow.id,
          name: flow.name,
          ...(item.sampleInput === undefined ? {} : { sampleInput: item.sampleInput }),
          recordedAnswers: Object.keys(item.answers.exchanges).length,
        })
      }
      return c.json({ flows: imported }, 201)
    })
}

/** The input (event body) of the flow's newest successful manual run, as stored (redacted); undefined if none. */
async function latestManualInput(deps: AppDeps, access: Access, flowId: string): Promise<unknown> {
  const page = await deps.store.listRuns(access, { flowId, status: 'succeeded', limit: 20 })
  const manual = page.items.find((run) => run.trigger === 'manual')
  const run = manual && (await deps.store.getRun(access, manual.id))
  return run ? (run.event as { body?: unknown }).body : undefined
}

import { z } from '@hono/zod-openapi'
import { FlowDocument } from '../flows/flow-views.ts'
import { RunView } from './run-view.ts'

/**
 * A run with the flow it ran, as one file (运行记录文件): another Zhiliu imports it and replays the run on its canvas,
 * running nothing. It holds what `GET /api/runs/{id}` shows (secrets already redacted) and the flow's document.
 */
export const RunFile = z
  .object({
    format: z.literal('zhiliu.run'),
    version: z.literal(1),
    exportedAt: z.string(),
    flow: FlowDocument,
    run: RunView,
  })
  .openapi('RunFile')
export type RunFile = z.infer<typeof RunFile>

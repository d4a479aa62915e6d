import { z } from '@hono/zod-openapi'
import type { FlowRecord, FlowSummary, FlowVersion, FlowVersionSummary } from '@zhiliu/db'
import { Flow } from '@zhiliu/nodes'
import type { SameShape } from '../http/same-shape.ts'

/**
 * The shared document schema, named for the OpenAPI document. `.meta({ id })`, not `.openapi()`: `Flow` is built
 * by @zhiliu/nodes, possibly before @hono/zod-openapi has added `.openapi` to zod's prototype.
 */
export const FlowDocument = Flow.meta({ id: 'FlowDocument' })

export const FlowSummaryView = z
  .object({
    id: z.string(),
    ownerId: z.string(),
    name: z.string(),
    publishedVersion: z.number().int().nullable(),
    publishedRevision: z
      .number()
      .nullable()
      .openapi({
        description:
          'The draft revision (`updatedAt`) the published version equals; when it differs from `updatedAt` (or is ' +
          'null while a version is published) the draft has unpublished changes',
      }),
    webhookPath: z.string().nullable().openapi({ description: "The webhook trigger's custom path, if any" }),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi('FlowSummary')

export const FlowView = FlowSummaryView.extend({ document: FlowDocument }).openapi('Flow')

export const FlowVersionSummaryView = z
  .object({ flowId: z.string(), version: z.number().int(), publishedAt: z.number(), publishedBy: z.string() })
  .openapi('FlowVersionSummary')

export const FlowVersionView = FlowVersionSummaryView.extend({ document: FlowDocument }).openapi(
  'FlowVersion',
)

export const FlowProblemView = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    message: z.string(),
    localized: z.object({ 'zh-CN': z.string(), en: z.string() }),
    path: z.array(z.union([z.string(), z.number()])).openapi({ example: ['nodes', 2, 'config', 'url'] }),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "Facts behind the message, e.g. JSONata's code, text, line and column" }),
  })
  .openapi('FlowProblem')

export const FlowIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
})

// The API shows exactly the store's rows; a new column fails the build here until the view says how to show it.
const checks: [
  SameShape<z.infer<typeof FlowView>, FlowRecord>,
  SameShape<z.infer<typeof FlowSummaryView>, FlowSummary>,
  SameShape<z.infer<typeof FlowVersionView>, FlowVersion>,
  SameShape<z.infer<typeof FlowVersionSummaryView>, FlowVersionSummary>,
] = [true, true, true, true]
void checks

// Rows are parsed on the way out so nothing beyond the view (e.g. a column added later) reaches a response.
export const toFlowView = (row: FlowRecord) => FlowView.parse(row)
export const toFlowSummaryView = (row: FlowSummary) => FlowSummaryView.parse(row)

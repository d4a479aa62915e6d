import { z } from '@hono/zod-openapi'
import { validateFlow } from '@zhiliu/engine'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { json } from '../http/openapi-helpers.ts'
import { FlowProblemView } from './flow-views.ts'

/** The 422 answer `refuseInvalidFlow` gives, for the routes' OpenAPI description. */
export const flowInvalidResponse = json(
  z.object({
    error: z.object({
      code: z.literal('FLOW_INVALID'),
      message: z.string(),
      details: z.object({ problems: z.array(FlowProblemView) }),
    }),
  }),
  'The draft has errors (`FLOW_INVALID`); `details.problems` lists each with its node and field',
)

/**
 * Publishing and a manual run check the draft the same way: a flow with any error is refused with 422
 * `FLOW_INVALID` and every problem (node, field, text in both languages), before anything starts. Warnings pass.
 */
export function refuseInvalidFlow(
  deps: Pick<AppDeps, 'registry'>,
  document: unknown,
  action: 'publish' | 'run',
) {
  const { ok, problems } = validateFlow(document, { definitions: deps.registry.all })
  if (ok) return
  const count = problems.filter((p) => p.severity === 'error').length
  throw new ApiError(
    422,
    'FLOW_INVALID',
    `The flow has ${count} problem(s) to fix before ${action === 'publish' ? 'publishing' : 'running'}`,
    {
      problems,
    },
  )
}

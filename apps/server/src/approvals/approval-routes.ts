import { createRoute, z } from '@hono/zod-openapi'
import type { ApprovalDecision } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json, jsonBody } from '../http/openapi-helpers.ts'
import type { SameShape } from '../http/same-shape.ts'
import { createApprovalService } from './approval-service.ts'

const PendingApprovalView = z
  .object({
    runId: z.string(),
    flowId: z.string().nullable(),
    flowName: z.string().nullable().openapi({ description: 'Null once the flow was deleted' }),
    nodeId: z.string(),
    nodeKey: z.string().openapi({ description: '`nodeId`, or `loop[2].nodeId` inside a loop body' }),
    title: z.string(),
    content: z.string().openapi({ description: 'The draft to review, as Markdown text' }),
    assignee: z.string().optional(),
    approver: z
      .union([z.object({ role: z.literal('owner') }), z.object({ email: z.string() })])
      .optional()
      .openapi({ description: 'Who alone may decide; absent, any editor or owner' }),
    requestedAt: z.string().openapi({ example: '2025-06-01T08:00:00.000Z' }),
    deadlineAt: z.string().optional().openapi({ description: 'Undecided by then, the run takes `timeout`' }),
  })
  .openapi('PendingApproval')

const DecisionBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    content: z.string().max(500_000).optional().openapi({ description: 'The edited text to approve' }),
    comment: z.string().max(10_000).optional(),
  })
  .openapi('ApprovalDecisionRequest')

const DecisionView = z
  .object({
    decision: z.enum(['approved', 'rejected', 'timeout']),
    content: z.string(),
    comment: z.string(),
    decidedBy: z.object({ id: z.string(), email: z.string() }).nullable(),
    decidedAt: z.string(),
  })
  .openapi('ApprovalDecision')
// The node owns the decision's shape; fail to compile if this view drifts from it.
const decisionMatchesNode: SameShape<z.infer<typeof DecisionView>, ApprovalDecision> = true
void decisionMatchesNode

const listApprovals = createRoute({
  method: 'get',
  path: '/approvals',
  tags: ['approvals'],
  summary: 'Approvals you may decide, oldest first: in the runs you can see, or naming you as the approver',
  responses: {
    200: json(z.object({ items: z.array(PendingApprovalView) }), 'Pending approvals'),
    ...errors(401),
  },
})

const decide = createRoute({
  method: 'post',
  path: '/approvals/{runId}/{nodeKey}',
  tags: ['approvals'],
  summary: 'Approve (optionally with edited content) or reject (with a comment); the run then continues',
  description:
    'Recorded as the approval node’s result: it fires `approved` or `rejected`, and later nodes read ' +
    '`nodes.<id>.content` (the edited text when given). Of concurrent decisions exactly one wins; the others get 409.',
  middleware: [requireRole('editor')] as const,
  request: {
    params: z.object({
      runId: z
        .string()
        .min(1)
        .max(200)
        .openapi({ param: { name: 'runId', in: 'path' } }),
      nodeKey: z
        .string()
        .min(1)
        .max(400)
        .openapi({ param: { name: 'nodeKey', in: 'path' } }),
    }),
    body: jsonBody(DecisionBody),
  },
  responses: {
    200: json(DecisionView, 'Recorded; the run resumes on the matching port'),
    ...errors(400, 401, 403, 404, 409),
  },
})

export function createApprovalRoutes(deps: AppDeps) {
  const approvals = createApprovalService(deps)
  return createRouter()
    .openapi(listApprovals, async (c) =>
      c.json({ items: await approvals.list({ access: c.get('access'), user: c.get('user') }) }, 200),
    )
    .openapi(decide, async (c) => {
      const at = c.req.valid('param')
      const caller = { access: c.get('access'), user: c.get('user') }
      const decision = await approvals.decide(caller, at, c.req.valid('json'))
      if (!decision) throw ApiError.notFound('Approval', `${at.runId}/${at.nodeKey}`)
      return c.json(decision, 200)
    })
}

import { z } from 'zod'
import { defineNode, suspend } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { inPort } from './ports.ts'
import { toText } from './to-text.ts'

export const APPROVAL_TYPE = 'flow.approval'

/** What a waiting approval shows the reviewer: the payload of its `waiting` result. */
export const ApprovalRequest = z.object({
  title: z.string(),
  content: z.string(),
  assignee: z.string().optional(),
  /** Who may decide: only owners, or one person by email (lowercased). Absent, any editor or owner may. */
  approver: z.union([z.object({ role: z.literal('owner') }), z.object({ email: z.string() })]).optional(),
  requestedAt: z.string(),
  /** ISO time after which the deadline check takes the `timeout` port; absent when there is no deadline. */
  deadlineAt: z.string().optional(),
})
export type ApprovalRequest = z.infer<typeof ApprovalRequest>

/** The approval's output once decided: downstream nodes read `nodes.<id>.content`, the text as approved. */
export const ApprovalDecision = z.object({
  decision: z.enum(['approved', 'rejected', 'timeout']),
  content: z.string(),
  comment: z.string(),
  decidedBy: z.object({ id: z.string(), email: z.string() }).nullable(),
  decidedAt: z.string(),
})
export type ApprovalDecision = z.infer<typeof ApprovalDecision>

/**
 * Pauses the run until an editor decides in the approvals inbox. The node itself only asks: its first execution
 * suspends, and the server records the decision as this node's result, so resuming continues on that port.
 */
export const flowApproval = defineNode({
  type: APPROVAL_TYPE,
  version: 1,
  category: 'flow',
  title: t('审核', 'Approval'),
  description: t(
    '暂停流程，等编辑在“审核”收件箱里通过、修改后通过或退回；流程从对应的出口继续，并记录审核人和时间。',
    'Pauses the run until an editor approves, edits then approves, or rejects it in the approvals inbox; the run goes on from the matching port, recording who decided and when.',
  ),
  inputs: [inPort],
  outputs: [
    { name: 'approved', label: t('通过', 'Approved') },
    { name: 'rejected', label: t('退回', 'Rejected') },
    { name: 'timeout', label: t('超时', 'Timed out') },
  ],
  config: z.object({
    title: field(z.unknown().default(''), {
      widget: 'text',
      label: t('标题', 'Title'),
      placeholder: t('{{ nodes.write.title }}', '{{ nodes.write.title }}'),
    }),
    content: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('待审内容（Markdown）', 'Content to review (Markdown)'),
      placeholder: t('{{ nodes.write.text }}', '{{ nodes.write.text }}'),
      help: t(
        '审核人可以修改；后面的步骤用 {{ nodes.<本步骤>.content }} 读取通过的版本。',
        'Reviewers may edit it; later steps read the approved text as {{ nodes.<this step>.content }}.',
      ),
    }),
    approvers: field(z.enum(['editors', 'owners', 'person']).default('editors'), {
      widget: 'select',
      label: t('审核人', 'Who may approve'),
      options: {
        editors: t('任何编辑者或所有者', 'Any editor or owner'),
        owners: t('只有所有者', 'Owners only'),
        person: t('指定的一位成员', 'One named member'),
      },
      help: t(
        '只有他们会在“审核”里看到这一项，其他人的决定会被拒绝。',
        'Only they see this item in Approvals; anyone else’s decision is refused.',
      ),
    }),
    approverEmail: field(z.email().max(254).optional(), {
      widget: 'text',
      template: false,
      label: t('审核人的邮箱', 'Approver’s email'),
      placeholder: t('zhang@example.com', 'zhang@example.com'),
      help: t(
        '填这位成员登录用的邮箱；不填时只有所有者可以审核。',
        'The email this member signs in with; left empty, only owners may approve.',
      ),
      shownWhen: { field: 'approvers', is: ['person'] },
    }),
    assignee: field(z.string().max(200).optional(), {
      widget: 'text',
      label: t('审核人备注', 'Assignee note'),
      placeholder: t('值班编辑', 'Duty editor'),
    }),
    deadlineMinutes: field(
      z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 30)
        .optional(),
      {
        widget: 'number',
        label: t('期限（分钟）', 'Deadline (minutes)'),
        help: t(
          '到期未审则走“超时”出口；留空表示一直等待。',
          'Undecided by then, the run takes the timeout port; empty waits for ever.',
        ),
      },
    ),
  }),
  output: ApprovalDecision,
  sideEffects: false,
  async run({ config }, ctx) {
    const now = ctx.clock.now()
    const request: ApprovalRequest = {
      title: toText(config.title),
      content: toText(config.content),
      requestedAt: new Date(now).toISOString(),
    }
    if (config.assignee) request.assignee = config.assignee
    // "One named member" without an email yet narrows to owners: a restriction left half-filled never widens.
    if (config.approvers === 'person' && config.approverEmail) {
      request.approver = { email: config.approverEmail.toLowerCase() }
    } else if (config.approvers !== 'editors') request.approver = { role: 'owner' }
    if (config.deadlineMinutes !== undefined) {
      request.deadlineAt = new Date(now + config.deadlineMinutes * 60_000).toISOString()
    }
    return suspend(request)
  },
})

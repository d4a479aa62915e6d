import { request } from './request.ts'

/** A run waiting at an approval step (`GET /api/approvals`). */
export interface PendingApproval {
  runId: string
  flowId: string | null
  flowName: string | null
  nodeId: string
  nodeKey: string
  title: string
  content: string
  assignee?: string
  /** Who alone may decide; absent, any editor or owner. */
  approver?: { role: 'owner' } | { email: string }
  requestedAt: string
  deadlineAt?: string
}

export interface Decision {
  decision: 'approve' | 'reject'
  content?: string
  comment?: string
}

export const listApprovals = () => request<{ items: PendingApproval[] }>('GET', '/api/approvals')

export const decideApproval = (item: Pick<PendingApproval, 'runId' | 'nodeKey'>, decision: Decision) =>
  request<{ decision: string }>(
    'POST',
    `/api/approvals/${encodeURIComponent(item.runId)}/${encodeURIComponent(item.nodeKey)}`,
    decision,
  )

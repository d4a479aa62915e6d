import type { Access, Store, User, WaitingNode } from '@zhiliu/db'
import type { NodeResult } from '@zhiliu/engine'
import { type ApprovalDecision, ApprovalRequest } from '@zhiliu/nodes'
import type { Logger } from 'pino'
import { ApiError } from '../http/api-error.ts'
import type { RunService } from '../runs/run-service.ts'
import { SYSTEM_ACCESS } from '../runs/system-access.ts'
import type { Redactor } from '../security/redact.ts'

/** A waiting approval as the inbox shows it. */
export interface PendingApproval extends ApprovalRequest {
  runId: string
  flowId: string | null
  flowName: string | null
  nodeId: string
  nodeKey: string
}

export interface DecisionInput {
  decision: 'approve' | 'reject'
  /** The edited text; left out, the content as requested is approved. */
  content?: string
  comment?: string
}

/** Who is asking: their runs (`access`) and who they are, for approvals that name their approver. */
export interface Decider {
  access: Access
  user: Pick<User, 'id' | 'email' | 'role'>
}

export interface ApprovalService {
  /** The approvals the caller may decide: in runs they can see, or naming them as the approver. */
  list(caller: Decider): Promise<PendingApproval[]>
  /**
   * Undefined when the run or node is not the caller's to see; throws 403 NOT_APPROVER when the approval names
   * someone else, 409 ALREADY_DECIDED when it is not waiting.
   */
  decide(
    caller: Decider,
    at: { runId: string; nodeKey: string },
    input: DecisionInput,
  ): Promise<ApprovalDecision | undefined>
  /** Decides every approval past its deadline with `timeout`; returns how many. */
  expireOverdue(): Promise<number>
}

export interface ApprovalParts {
  store: Store
  runs: Pick<RunService, 'resume'>
  redactor: Redactor
  logger: Logger
  now: () => number
}

/**
 * The inbox over the store's waiting node results. A decision is recorded as the approval node's own result (the
 * port it fires and the output later nodes read); the store makes it atomic, and the run is then resumed, which
 * reuses recorded results and so continues from the approval.
 */
export function createApprovalService(parts: ApprovalParts): ApprovalService {
  const { store, now } = parts

  /** Records the decision; false when another decision (or the deadline) got there first. */
  const record = async (waiting: NodeResult, runId: string, decision: ApprovalDecision) => {
    const result: NodeResult = {
      ...waiting,
      status: 'succeeded',
      ports: [decision.decision],
      output: decision,
      finishedAt: now(),
    }
    const outcome = await store.decideWaitingNode(runId, parts.redactor.redact(result) as NodeResult)
    if (!outcome.decided) return false
    if (outcome.resume) await parts.runs.resume(runId)
    return true
  }

  const waitingResult = async (runId: string, nodeKey: string) =>
    (await store.loadNodeResults(runId)).find((r) => r.key === nodeKey)

  return {
    async list({ access, user }) {
      // A named approver sees the item even in someone else's run; everyone else only within their own runs.
      const visible = await store.listWaitingNodes(SYSTEM_ACCESS)
      return visible.flatMap((node) => {
        const view = toPending(node)
        if (!view || !mayDecide(user, view.approver)) return []
        const named = view.approver !== undefined && 'email' in view.approver
        return access.all || named || node.ownerId === access.userId ? [view] : []
      })
    },

    async decide({ access, user }, { runId, nodeKey }, input) {
      const found = await waitingResult(runId, nodeKey)
      if (!found) return undefined
      const named = ApprovalRequest.safeParse(found.output).data?.approver
      const namesCaller = named !== undefined && 'email' in named && named.email === user.email
      if (!namesCaller && !(await store.getRun(access, runId))) return undefined
      const alreadyDecided = new ApiError(
        409,
        'ALREADY_DECIDED',
        `"${nodeKey}" is not waiting for a decision`,
      )
      if (found.status !== 'waiting') throw alreadyDecided
      const request = ApprovalRequest.safeParse(found.output)
      if (!request.success) return undefined
      if (!mayDecide(user, request.data.approver)) {
        throw new ApiError(403, 'NOT_APPROVER', approverText(request.data.approver), {
          approver: request.data.approver,
        })
      }
      const decision: ApprovalDecision = {
        decision: input.decision === 'approve' ? 'approved' : 'rejected',
        content: input.content ?? request.data.content,
        comment: input.comment ?? '',
        decidedBy: { id: user.id, email: user.email },
        decidedAt: new Date(now()).toISOString(),
      }
      if (!(await record(found, runId, decision))) throw alreadyDecided
      return decision
    },

    async expireOverdue() {
      let expired = 0
      for (const node of await store.listWaitingNodes(SYSTEM_ACCESS)) {
        const request = ApprovalRequest.safeParse(node.output)
        if (!request.success || request.data.deadlineAt === undefined) continue
        if (Date.parse(request.data.deadlineAt) > now()) continue
        const found = await waitingResult(node.runId, node.key)
        if (found?.status !== 'waiting') continue
        const decision: ApprovalDecision = {
          decision: 'timeout',
          content: request.data.content,
          comment: '',
          decidedBy: null,
          decidedAt: new Date(now()).toISOString(),
        }
        if (await record(found, node.runId, decision)) expired++
      }
      if (expired > 0) parts.logger.info({ expired }, 'approvals past their deadline took the timeout port')
      return expired
    },
  }
}

/**
 * Editors and owners may decide an approval that names nobody; a named one only by that role or person. Viewers and
 * students decide none (the decide route needs an editor too).
 */
function mayDecide(user: Decider['user'], approver: ApprovalRequest['approver']): boolean {
  if (user.role === 'viewer' || user.role === 'student') return false
  if (!approver) return true
  return 'role' in approver ? user.role === approver.role : user.email === approver.email
}

function approverText(approver: ApprovalRequest['approver']): string {
  if (approver && 'email' in approver) return `Only ${approver.email} may decide this approval`
  return 'Only an owner may decide this approval'
}

function toPending(node: WaitingNode): PendingApproval | undefined {
  // Only approvals: another node type that suspends has its own payload and its own way to be resumed.
  const request = ApprovalRequest.safeParse(node.output)
  if (!request.success) return undefined
  const { runId, flowId, flowName, nodeId, key } = node
  return { ...request.data, runId, flowId, flowName, nodeId, nodeKey: key }
}

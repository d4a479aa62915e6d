import type { Access, Store, WaitingNode } from '@zhiliu/db'
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

export interface ApprovalService {
  list(access: Access): Promise<PendingApproval[]>
  /** Undefined when the run or node is not the caller's to see; throws 409 ALREADY_DECIDED when it is not waiting. */
  decide(
    access: Access,
    by: { id: string; email: string },
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
    async list(access) {
      return (await store.listWaitingNodes(access)).flatMap((node) => {
        const view = toPending(node)
        return view ? [view] : []
      })
    },

    async decide(access, by, { runId, nodeKey }, input) {
      if (!(await store.getRun(access, runId))) return undefined
      const found = await waitingResult(runId, nodeKey)
      if (!found) return undefined
      const alreadyDecided = new ApiError(
        409,
        'ALREADY_DECIDED',
        `"${nodeKey}" is not waiting for a decision`,
      )
      if (found.status !== 'waiting') throw alreadyDecided
      const request = ApprovalRequest.safeParse(found.output)
      if (!request.success) return undefined
      const decision: ApprovalDecision = {
        decision: input.decision === 'approve' ? 'approved' : 'rejected',
        content: input.content ?? request.data.content,
        comment: input.comment ?? '',
        decidedBy: by,
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

function toPending(node: WaitingNode): PendingApproval | undefined {
  // Only approvals: another node type that suspends has its own payload and its own way to be resumed.
  const request = ApprovalRequest.safeParse(node.output)
  if (!request.success) return undefined
  const { runId, flowId, flowName, nodeId, key } = node
  return { ...request.data, runId, flowId, flowName, nodeId, nodeKey: key }
}

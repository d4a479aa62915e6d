import type { Access, Run, Store } from '@zhiliu/db'
import type { NodeResult, RunOutcome, RunStatus } from '@zhiliu/engine'
import { ApiError } from '../http/api-error.ts'
import type { Redactor } from '../security/redact.ts'

/** What a person decided about a send that may or may not have happened (a run `needs_attention`). */
export interface AttentionInput {
  action: 'resend' | 'markSent' | 'fail'
  /** The held node's key; may be left out while only one node is held. */
  key?: string
  /** markSent: what later nodes read as the node's output (`nodes.<id>.…`); `{}` when left out. */
  output?: unknown
}

export interface AttentionParts {
  store: Store
  redactor: Redactor
  now: () => number
  /** Enqueues the run, which the store moved to `queued`: it continues from the decided node. */
  resume(runId: string): Promise<void>
  /** Tells subscribers and metrics that the run ended (failed) without executing. */
  announceEnd(row: Run, outcome: RunOutcome): void
}

const ABANDONED = 'SEND_ABANDONED'

/**
 * Applies a person's decision on a held send. resend: the held row is forgotten and the run resumed, so the node
 * sends again (its idempotency key unchanged; a pending e-mail receipt is released, as the person chose to risk a
 * second copy). markSent: the node is recorded succeeded with the given output and the run goes on after it.
 * fail: the node and the run are recorded failed. Undefined when `access` cannot see the run.
 */
export function createSettleAttention(parts: AttentionParts) {
  const { store, now } = parts
  return async (
    access: Access,
    runId: string,
    input: AttentionInput,
  ): Promise<{ runId: string; status: RunStatus } | undefined> => {
    const row = await store.getRun(access, runId)
    if (!row) return undefined
    const held = (await store.loadNodeResults(runId)).filter((r) => r.status === 'sending')
    const notNeeded = () =>
      new ApiError(409, 'ATTENTION_NOT_NEEDED', `run "${runId}" has no send waiting for a decision`, {
        status: row.status,
      })
    if (row.status !== 'needs_attention' || held.length === 0) throw notNeeded()
    const node = pick(held, input.key)
    const at = now()
    if (input.action === 'resend') {
      if (!(await store.settleAttention(runId, { key: node.key, result: null }))) throw notNeeded()
      await store.releasePublish(`${runId}:${node.key}`)
      await parts.resume(runId)
      return { runId, status: 'queued' }
    }
    if (input.action === 'markSent') {
      const output = parts.redactor.redact(input.output ?? {})
      // Every node with side effects has the one output port `out` (ports.ts), which a success fires.
      const result: NodeResult = { ...node, status: 'succeeded', ports: ['out'], output, finishedAt: at }
      if (!(await store.settleAttention(runId, { key: node.key, result }))) throw notNeeded()
      await parts.resume(runId)
      return { runId, status: 'queued' }
    }
    const error = {
      code: ABANDONED,
      message: `a person failed node "${node.key}": its send was not confirmed and is not tried again`,
    }
    const result: NodeResult = { ...node, status: 'failed', error, finishedAt: at }
    const outcome: RunOutcome = { status: 'failed', error: { ...error, nodeId: node.nodeId }, finishedAt: at }
    if (!(await store.settleAttention(runId, { key: node.key, result, outcome }))) throw notNeeded()
    parts.announceEnd(row, outcome)
    return { runId, status: 'failed' }
  }
}

function pick(held: NodeResult[], key: string | undefined): NodeResult {
  if (key === undefined) {
    if (held.length === 1) return held[0] as NodeResult
    throw ApiError.badRequest(
      'ATTENTION_KEY_REQUIRED',
      'several sends wait for a decision: name one by its key',
      {
        keys: held.map((r) => r.key),
      },
    )
  }
  const node = held.find((r) => r.key === key)
  if (!node) {
    throw ApiError.badRequest('ATTENTION_KEY_UNKNOWN', `node "${key}" is not waiting for a decision`, {
      keys: held.map((r) => r.key),
    })
  }
  return node
}

import type { ErrorInfo, TriggerEvent } from '@zhiliu/nodes'
import type { PausePoint } from './pause-rules.ts'

/**
 * `needs_attention`: a node that changes the world without an idempotency key (`sideEffects: 'unkeyed'`) was found
 * `sending` when the run resumed: it may or may not have sent. The run holds its dependants, like `waiting`, until a
 * person resends, marks it sent or fails it. `paused`: a manual run stopped before a node (a breakpoint, or step mode)
 * until someone continues it (see pause-rules.ts).
 */
export type RunStatus =
  | 'queued'
  | 'running'
  | 'waiting'
  | 'needs_attention'
  | 'paused'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
/**
 * `waiting`: the node suspended (an approval); its output is what it waits on and its dependants are held.
 * `sending`: recorded just before a node with side effects acts and replaced by its result: found on resume, it
 * says the send began and its end was never recorded (the process died in between).
 */
export type NodeStatus = 'succeeded' | 'failed' | 'skipped' | 'cancelled' | 'waiting' | 'sending'

/** The recorded outcome of one node execution. A body node of a for-each has one per iteration. */
export interface NodeResult {
  /** `nodeId`, or `loop[2].nodeId` inside a for-each body: unique within a run. */
  key: string
  nodeId: string
  status: NodeStatus
  /** Output ports that fired; empty when skipped or failed without an error port. */
  ports: string[]
  /** `{ config }`: the rendered config the node ran with. Port inputs are the upstream nodes' outputs. */
  input?: unknown
  output?: unknown
  error?: ErrorInfo
  attempts: number
  startedAt: number
  finishedAt: number
}

/**
 * Paused for a person (an approval, a send to confirm, a breakpoint): not an end, and nothing executes until a
 * decision.
 */
export function isPaused(status: RunStatus): boolean {
  return status === 'waiting' || status === 'needs_attention' || status === 'paused'
}

export interface RunRecord {
  id: string
  flowId?: string
  flowVersion?: number
  event: TriggerEvent
  status: RunStatus
  startedAt: number
}

/**
 * How one execution of a run ended. `waiting`, `needs_attention` and `paused` are not ends: a node is held (suspended, or
 * found sending) and everything else is done, so the store keeps the run open (no finishedAt) until a decision is
 * recorded and the run is resumed. `needs_attention` carries an `error` naming the held node.
 */
export interface RunOutcome {
  status: Extract<RunStatus, 'succeeded' | 'failed' | 'cancelled' | 'waiting' | 'needs_attention' | 'paused'>
  output?: unknown
  error?: ErrorInfo & { nodeId?: string }
  /** `paused`: the node the run waits before, with its rendered config and inputs. */
  paused?: PausePoint
  finishedAt: number
}

/**
 * What the engine needs from storage. In-memory here; SQLite (and later PostgreSQL) implement it in @zhiliu/db.
 * Pure nodes' results may be written behind (dependants start before the write is confirmed, so a store can group
 * many writes into one commit); before a node with side effects starts, every earlier write is confirmed, and its
 * own result is confirmed before anything after it runs. A crash therefore loses at most pure work, which resume
 * recomputes, and never causes a side effect to be repeated.
 */
export interface RunStore {
  createRun(run: RunRecord): Promise<void>
  recordNode(runId: string, result: NodeResult): Promise<void>
  finishRun(runId: string, outcome: RunOutcome): Promise<void>
  /** Results recorded so far, for resuming a run after a crash or re-running from a chosen node. */
  loadNodeResults(runId: string): Promise<NodeResult[]>
}

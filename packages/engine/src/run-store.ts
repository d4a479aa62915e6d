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

/** An end: nothing of the run executes any more (unlike a pause, which a decision or a continue takes further). */
export function isEnded(status: RunStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled'
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
 * What the engine needs from storage. In-memory here; SQLite and PostgreSQL implement it in @zhiliu/db.
 *
 * A run's lifecycle is two writes when nothing needs more: `createRun` when it starts and `finishRun` when it ends,
 * the end carrying the outcome and every node result in one statement. Between them the engine keeps results in
 * memory (live progress goes out as run events, not through the store) and writes a checkpoint (`saveResults`,
 * every result not yet written, in one statement) only where durability asks for one:
 * - before a node with side effects acts (its `sending` result, with everything before it) and after it;
 * - after an expensive node (an `ai` node, or any node that ran ≥ 1 s; see `checkpointAfter`), so a crash does
 *   not make resume pay for it again;
 * - after a `flow.respond` while other work still runs, so the caller can be answered before the run ends.
 * A run that suspends (`waiting`, `needs_attention`) writes its results with that `finishRun`.
 * A crash therefore loses at most pure work since the last write, which resume recomputes, and never causes a side
 * effect to be repeated.
 *
 * Results are merged by key: a write replaces the results of the keys it carries and keeps every other. So a
 * decision recorded by someone else between two writes (an approval) is not overwritten, because the engine never
 * writes a key again in the same execution unless it ran that node again.
 */
export interface RunStore {
  createRun(run: RunRecord): Promise<void>
  /** A checkpoint: stores `results` (merged by key) now; resolves once stored. */
  saveResults(runId: string, results: readonly NodeResult[]): Promise<void>
  /** Records how this execution ended together with the results not yet stored (merged by key), in one write. */
  finishRun(runId: string, outcome: RunOutcome, results: readonly NodeResult[]): Promise<void>
  /** Results recorded so far, for resuming a run after a crash or re-running from a chosen node. */
  loadNodeResults(runId: string): Promise<NodeResult[]>
}

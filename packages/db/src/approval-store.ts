import type { NodeResult } from '@zhiliu/engine'
import type { Access } from './store.ts'

/** A node result recorded `waiting` (a suspended approval), with the run and flow it belongs to. */
export interface WaitingNode {
  runId: string
  flowId: string | null
  /** The flow's current name; null once the flow was deleted (its runs stay in the owner's history). */
  flowName: string | null
  ownerId: string | null
  key: string
  nodeId: string
  /** What the node waits on: the payload it suspended with. */
  output: unknown
  /** When it started waiting. */
  since: number
}

export type DecideResult =
  /** The node was not waiting (already decided, or no such node): nothing changed. */
  | { decided: false }
  /**
   * Recorded. `resume`: the run was waiting and is now `queued`, so the caller must enqueue it. Otherwise the run is
   * executing and its `finishRun('waiting')` moves it to `queued` itself (see `Store.finishRun`).
   */
  | { decided: true; resume: boolean }

/**
 * Suspended nodes and their decisions. `finishRun` with `waiting` keeps the run open (no finishedAt): `waiting`
 * while any of its node results is still waiting, else `queued` — a decision landed while it executed — which the
 * caller must resume. Together with `decideWaitingNode` this means exactly one party moves a run on, whatever order
 * a decision and the end of an execution arrive in.
 */
export interface ApprovalStore {
  /** The waiting node results of every run `access` sees, oldest first. */
  listWaitingNodes(access: Access): Promise<WaitingNode[]>
  /** Replaces a waiting result with `result`, atomically: of concurrent decisions on one node exactly one wins. */
  decideWaitingNode(runId: string, result: NodeResult): Promise<DecideResult>
}

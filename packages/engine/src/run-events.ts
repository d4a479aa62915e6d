import type { ErrorInfo, NodeChunk } from '@zhiliu/nodes'
import type { NodeResult, RunOutcome } from './run-store.ts'

/** What the engine tells subscribers while a run executes, in the order it happens. */
export type RunEvent =
  | { type: 'run.started'; runId: string; at: number }
  | { type: 'node.started'; runId: string; key: string; nodeId: string; attempt: number; at: number }
  | { type: 'node.chunk'; runId: string; key: string; nodeId: string; chunk: NodeChunk; at: number }
  /** `attempt` is the one about to start after `delayMs`; `error` is why the previous one failed. */
  | {
      type: 'node.retrying'
      runId: string
      key: string
      nodeId: string
      attempt: number
      delayMs: number
      error: ErrorInfo
      at: number
    }
  /** `reused`: the result was recorded by an earlier execution (resume, re-run from a node) and not executed now. */
  | { type: 'node.finished'; runId: string; result: NodeResult; at: number; reused?: true }
  | { type: 'run.finished'; runId: string; outcome: RunOutcome; at: number }

export type RunEventListener = (event: RunEvent) => void

import { z } from 'zod'

/**
 * What a `flow.call` node waits on when the flow it called stopped for a person: the payload of its `waiting` result.
 * The server wakes the caller when that child run ends (see apps/server/src/runs/wake-caller.ts): the node then runs
 * again under the same idempotency key, finds the child it started, and outputs its end.
 */
export const CalledFlowWait = z.object({
  calledRunId: z.string(),
  flowId: z.string(),
  flowName: z.string(),
  /** Why the child stopped: an approval (`waiting`) or a send to confirm (`needs_attention`). */
  childStatus: z.enum(['waiting', 'needs_attention', 'paused']),
  /**
   * The claim under which the child was started. An approval may take longer than a claim is kept (24 h), so the
   * server renews it before waking the caller; otherwise the node, running again, would start a second child.
   */
  claim: z.object({ key: z.string(), requestHash: z.string() }),
})
export type CalledFlowWait = z.infer<typeof CalledFlowWait>

import type { NodeResult, RunOutcome } from '@zhiliu/engine'

/**
 * A person's decision on a send found `sending` in a run that stopped `needs_attention` (see the engine's
 * `SideEffects`): `result: null` forgets the held row so the resumed run sends again (resend); a result replaces it
 * (marked sent, or failed). Without `outcome` the run becomes `queued` and the caller must resume it; with one the
 * run ends so (failed).
 */
export interface AttentionDecision {
  key: string
  result: NodeResult | null
  outcome?: RunOutcome
}

export interface AttentionStore {
  /**
   * Applies the decision atomically, only while the run is `needs_attention` and the node is still `sending`: of
   * concurrent decisions on one run exactly one wins. False when nothing changed.
   */
  settleAttention(runId: string, decision: AttentionDecision): Promise<boolean>
}

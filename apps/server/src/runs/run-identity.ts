import type { RunTrigger } from '@zhiliu/db'
import type { FlowSettings } from '@zhiliu/nodes'

/** Who a run acts for: what the server needs to hand its nodes the right credentials and log lines. */
export interface RunIdentity {
  runId: string
  ownerId: string
  flowId: string | null
  /** A manual run keeps what its models answered, for a lesson pack (see lessons/model-answers.ts). */
  trigger: RunTrigger
  /** The flow's settings, for the limits services enforce (the token budget). */
  settings: FlowSettings
  /** A draft run in the editor: the flows it calls run their drafts too. */
  draft: boolean
  /** Recorded results exist (a restart, a re-run from a node): what they spent counts against the budget. */
  resume: boolean
  /**
   * Aborted when this process stops executing the run (shutdown), not when the run is cancelled: a flow it calls
   * inline is then handed back with it, rather than cancelled (see RunService.runInline).
   */
  shutdown?: AbortSignal
}

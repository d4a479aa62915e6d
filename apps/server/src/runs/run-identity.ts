/** Who a run acts for: what the server needs to hand its nodes the right credentials and log lines. */
export interface RunIdentity {
  runId: string
  ownerId: string
  flowId: string | null
}

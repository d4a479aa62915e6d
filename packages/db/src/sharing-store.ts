import type { FlowCopy, FlowRecord, FlowShare } from './rows.ts'
import type { Access } from './store.ts'

/** Share links (a read-only view of a flow for a class) and the copies students make from them. */
export interface SharingStore {
  /** The flow's link, expired or not; undefined when there is none or the flow is not accessible. */
  getFlowShare(access: Access, flowId: string): Promise<FlowShare | undefined>
  /** Creates or replaces the flow's one link. Undefined when the flow is not accessible. */
  saveFlowShare(access: Access, share: FlowShare): Promise<FlowShare | undefined>
  /** Revokes the flow's link; false when there was none (or the flow is not accessible). */
  deleteFlowShare(access: Access, flowId: string): Promise<boolean>
  /**
   * Unscoped, the token being the capability: the flow behind a link, undefined once the link is revoked or
   * `expiresAt <= now`.
   */
  findSharedFlow(token: string, now: number): Promise<{ share: FlowShare; flow: FlowRecord } | undefined>
  recordFlowCopy(copy: FlowCopy): Promise<void>
  /** Oldest first. Unscoped: the caller checks that the person asking may read the source flow. */
  listFlowCopies(sourceFlowId: string): Promise<FlowCopy[]>
}

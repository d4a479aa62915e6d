import type { FlowDraft, FlowRecord, FlowSummary, FlowVersion, FlowVersionSummary } from './rows.ts'
import type { Access, OffsetQuery } from './store.ts'

export interface FlowQuery extends OffsetQuery {
  /**
   * Only flows whose name contains this, ignoring case (in SQLite, case of ASCII letters only); for the owner role
   * (`access.all`) also every flow of a member whose display name or sign-in contains it. Empty means no filter.
   */
  q?: string
}

/** Flows (their drafts, found by id or webhook path) and their published versions. */
export interface FlowStore {
  /** Throws StoreError CONFLICT when the webhook path is taken. */
  createFlow(access: Access, draft: FlowDraft): Promise<FlowRecord>
  getFlow(access: Access, id: string): Promise<FlowRecord | undefined>
  /** The flow without its document: what every webhook call reads (the document it runs is a cached version). */
  getFlowSummary(access: Access, id: string): Promise<FlowSummary | undefined>
  /** Most recently updated first; `total` counts every flow that matches, not only this page. */
  listFlows(access: Access, query?: FlowQuery): Promise<{ items: FlowSummary[]; total: number }>
  /**
   * `webhookPath: undefined` leaves it, `null` clears it. Throws StoreError CONFLICT when the path is taken, and
   * STALE when `ifUpdatedAt` is given and the flow was saved since (by another tab or person). Every save moves
   * `updatedAt` forward, even within one millisecond, so it identifies the draft's revision; publishing does not
   * change the draft and leaves it.
   */
  updateFlowDraft(
    access: Access,
    id: string,
    draft: Partial<FlowDraft>,
    options?: { ifUpdatedAt?: number },
  ): Promise<FlowRecord | undefined>
  /** Deletes versions, deliveries and slots; keeps the flow's runs as their owner's history (flowId set null). */
  deleteFlow(access: Access, id: string): Promise<boolean>
  /** Snapshots the draft as the next version (1, 2, …; atomic) and makes it the published one. */
  publishFlow(access: Access, id: string): Promise<FlowVersion | undefined>
  /** Newest first; undefined when the flow is not accessible. */
  listFlowVersions(access: Access, flowId: string): Promise<FlowVersionSummary[] | undefined>
  getFlowVersion(access: Access, flowId: string, version: number): Promise<FlowVersion | undefined>
  /** Roll back (or forward) to an existing version, or unpublish with null. Undefined if flow or version is missing. */
  setPublishedVersion(access: Access, flowId: string, version: number | null): Promise<FlowRecord | undefined>
  /** Without the document, like `getFlowSummary`: the webhook route reads it on every call. */
  findFlowByWebhookPath(path: string): Promise<FlowSummary | undefined>
}

export type { ApprovalStore, DecideResult, WaitingNode } from './approval-store.ts'
export type { AttentionDecision, AttentionStore } from './attention-store.ts'
export type { CallbackAttempt, CallbackStore, DueCallback, NewCallback } from './callback-store.ts'
export type {
  ChatCitation,
  ChatConversation,
  ChatStore,
  ChatTurn,
  NewChatTurn,
} from './chat-store.ts'
export { createPgStore } from './create-pg-store.ts'
export {
  checkFileName,
  FILE_NAME,
  type FileStore,
  type NewStoredFile,
  type StoredFile,
  type StoredFileInfo,
} from './file-store.ts'
export type { FlowQuery, FlowStore } from './flow-store.ts'
export {
  bytesVector,
  type KbChunk,
  type KbChunkHit,
  type KbDocument,
  type KbDocumentStatus,
  type KbDocumentWork,
  type KbPosting,
  type KbTermStats,
  type KnowledgeBase,
  type KnowledgeBasePatch,
  type KnowledgeStore,
  type NewKbChunk,
  type NewKbDocument,
  type NewKnowledgeBase,
  vectorBytes,
} from './knowledge-store.ts'
export type { KbNeighbour } from './nearest-by-scan.ts'
// For whatever reads run rows straight from the database (tests, tools): an ended run's values may be packed.
export { unpackRunValues } from './packed-run.ts'
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page.ts'
export type { PauseStore } from './pause-store.ts'
export type { PgStoreOptions } from './pg/create-pg-store.ts'
export {
  type DemoMessage,
  type Feed,
  type FeedItem,
  MAX_DEMO_MESSAGES,
  MAX_FEED_ITEMS,
  type NewFeedItem,
  type NewPage,
  type Page,
  type PublishClaim,
  type PublishingStore,
  type PublishKind,
} from './publishing-store.ts'
export type * from './rows.ts'
export type { RunLeaseStore } from './run-lease-store.ts'
export { nodeStatuses, runStatuses } from './schema/sqlite/runs.ts'
export type { SharingStore } from './sharing-store.ts'
export { createSqliteStore, type SqliteStoreOptions } from './sqlite/create-sqlite-store.ts'
export { isStorageFull } from './storage-full.ts'
export type {
  Access,
  DeliveryClaim,
  DeliveryClaimInput,
  NewRun,
  OffsetQuery,
  RunHistorySize,
  RunQuery,
  Store,
} from './store.ts'
export { DELIVERY_TTL_MS, SLOT_RETENTION_MS } from './store.ts'
export { StoreError } from './store-error.ts'

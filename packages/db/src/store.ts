import type { NodeResult, RunOutcome, RunRecord, RunStatus, RunStore } from '@zhiliu/engine'
import type { Flow, RunHistory } from '@zhiliu/nodes'
import type { ApprovalStore } from './approval-store.ts'
import type { AttentionStore } from './attention-store.ts'
import type { CallbackStore } from './callback-store.ts'
import type { ChatStore } from './chat-store.ts'
import type { FlowStore } from './flow-store.ts'
import type { KnowledgeStore } from './knowledge-store.ts'
import type { PauseStore } from './pause-store.ts'
import type { PublishingStore } from './publishing-store.ts'
import type {
  ApiToken,
  Credential,
  CredentialSecret,
  CredentialWithCiphertext,
  ModelPriceRecord,
  NewApiToken,
  NewCredential,
  NewSession,
  NewUser,
  OpenRunStatus,
  Run,
  RunSummary,
  RunTrigger,
  Session,
  SettingRecord,
  User,
  UserPatch,
  UserWithPassword,
} from './rows.ts'
import type { RunLeaseStore } from './run-lease-store.ts'
import type { SharingStore } from './sharing-store.ts'

/** Who is asking. `all` is the owner role: it sees every user's flows, runs, credentials and tokens. */
export interface Access {
  userId: string
  all: boolean
}

/**
 * A run the server registers before the engine starts it: who it belongs to and what started it. `document` is the
 * snapshot a draft run executes (runs of a published version leave it out and read the version).
 */
export type NewRun = RunRecord & {
  ownerId: string
  trigger: RunTrigger
  parentRunId?: string
  document?: Flow
  /** Which end keeps the run (see RunHistory); unset or `all` keeps every one. */
  history?: RunHistory
}

/** Whether a run registered with `history` (as stored: null keeps all) keeps an end with this status. */
export function keepsEnd(history: Exclude<RunHistory, 'all'> | null, status: RunStatus): boolean {
  if (history === null) return true
  return history === 'failed' && status !== 'succeeded'
}

/**
 * An idempotency key taken in the same write as the run it points at (`recordRun`), so a key never points at a run
 * that was never stored.
 */
export interface DeliveryClaimInput {
  flowId: string
  idempotencyKey: string
  /** An opaque digest of the claiming request, stored as given and reported back to later claims. */
  requestHash: string
  now: number
}

/** The `history` column: null keeps every end. */
export function storedHistory(history: RunHistory | undefined): Exclude<RunHistory, 'all'> | null {
  return history === undefined || history === 'all' ? null : history
}

export interface RunQuery {
  flowId?: string
  status?: RunStatus
  /** The runs this run started: re-runs of it and the flows it called (trigger `flow`). */
  parentRunId?: string
  /** Clamped to 1..200, default 50. */
  limit?: number
  /** `nextCursor` of the previous page. */
  cursor?: string
}

export interface OffsetQuery {
  limit?: number
  offset?: number
}

/**
 * A key's holder is reported with the hash of the request that claimed it, so a caller can refuse the same key
 * sent with a different request; `requestHash` is null for a claim recorded before hashes were stored.
 */
/** How much room the run history takes and how fast it grows; see `Store.measureRunHistory`. */
export interface RunHistorySize {
  /**
   * Bytes the run history occupies. SQLite: the database's pages in use ((page_count − freelist_count) × page_size;
   * runs and node results are nearly all of it). PostgreSQL: pg_total_relation_size of runs (with
   * their indexes and TOAST), which space freed by deleted rows only leaves once new rows reuse it.
   */
  bytes: number
  /** Runs stored, in any status. */
  runs: number
  /** Runs that started at or after `since`. */
  runsSince: number
}

export type DeliveryClaim = { claimed: true } | { claimed: false; runId: string; requestHash: string | null }

/** How long an idempotency key keeps pointing at its run; older claims are purged and the key is free again. */
export const DELIVERY_TTL_MS = 24 * 3600_000
/** Slots planned this much before a newly claimed one are purged: no scheduler catches up that far. */
export const SLOT_RETENTION_MS = 7 * 24 * 3600_000

/**
 * Everything the server stores. One implementation per database, all passing `describeStore`.
 *
 * Scoped methods take `Access` and treat another user's row exactly like a missing one (undefined / false /
 * absent from lists), so the API answers 404 and never leaks existence. Unscoped methods are server-internal:
 * the engine's RunStore calls, sign-in lookups, webhook and schedule claims.
 *
 * `createRun` (from RunStore) keeps a row registered by `createRunRecord` and only moves its status, so the
 * server registers owner and trigger first and the engine need not know them. A run the engine creates without
 * that step (the CLI) has no owner and only `all` access sees it. The engine does not call `createRun` when it
 * resumes, so the server calls it (status 'running') to reopen a finished run: that clears output, error and
 * finishedAt and keeps everything else.
 */
export interface Store
  extends RunStore,
    RunLeaseStore,
    PublishingStore,
    ApprovalStore,
    AttentionStore,
    PauseStore,
    CallbackStore,
    SharingStore,
    FlowStore,
    ChatStore,
    KnowledgeStore {
  /** With `fence`: refused with StoreError STALE_FENCE unless it is the run's current fence (see RunLeaseStore). */
  createRun(run: RunRecord, fence?: number): Promise<void>
  /** One result (a re-run's copies, tests): `saveResults` with one. */
  recordNode(runId: string, result: NodeResult, fence?: number): Promise<void>
  /**
   * A checkpoint (see RunStore): every result in one write, merged by key. With `fence`: refused with StoreError
   * STALE_FENCE unless it is the run's current fence.
   */
  saveResults(runId: string, results: readonly NodeResult[], fence?: number): Promise<void>
  /**
   * Ends the run's lease too, and stores `results` (merged by key) in the same write. With `fence`: refused with
   * StoreError STALE_FENCE unless it is the run's current fence. A run registered with a `history` that does not
   * keep this end (and that never waited) is deleted with its node results instead (they are then never written)
   * and counted in `countRunsNotKept`; its idempotency claim stays.
   */
  finishRun(
    runId: string,
    outcome: RunOutcome,
    results?: readonly NodeResult[],
    fence?: number,
  ): Promise<void>
  countUsers(): Promise<number>
  /** Throws StoreError CONFLICT when the email (compared lowercased) is taken. */
  createUser(user: NewUser): Promise<User>
  /**
   * Creates every user or none (one transaction), in the given order: throws StoreError CONFLICT when any email is
   * taken, by an existing user or by another in the batch.
   */
  createUsers(users: readonly NewUser[]): Promise<User[]>
  /**
   * Creates the user only if there is no user at all (the one-time owner setup), atomically across processes:
   * of concurrent calls exactly one gets the user, the others undefined.
   */
  createFirstUser(user: NewUser): Promise<User | undefined>
  findUserByEmail(email: string): Promise<UserWithPassword | undefined>
  getUser(id: string): Promise<User | undefined>
  listUsers(): Promise<User[]>
  /**
   * Changes role, password hash or `disabledAt`; a new password hash or a disabling also ends every session of
   * that user in the same transaction. Undefined when there is no such user.
   */
  updateUser(id: string, patch: UserPatch): Promise<User | undefined>
  /**
   * Deletes the user with their sessions and tokens; their flows, credentials, runs and published feeds and pages
   * pass to `heirId`, so nothing they built is lost. False when there is no such user.
   */
  deleteUser(id: string, heirId: string): Promise<boolean>

  /** Also purges expired sessions. */
  createSession(session: NewSession): Promise<Session>
  /** Undefined once `expiresAt <= now`. */
  findSession(id: string, now: number): Promise<{ session: Session; user: User } | undefined>
  deleteSession(id: string): Promise<void>

  createToken(access: Access, token: NewApiToken): Promise<ApiToken>
  /** Sets `lastUsedAt = now` on a hit. */
  findTokenByHash(tokenHash: string, now: number): Promise<{ token: ApiToken; user: User } | undefined>
  listTokens(access: Access): Promise<ApiToken[]>
  deleteToken(access: Access, id: string): Promise<boolean>

  createRunRecord(run: NewRun): Promise<void>
  /**
   * Stores a run that was not registered before (a sync webhook run defers its row to its first checkpoint or its
   * end) in one write. With `claim`, its idempotency key is taken in the same transaction; when another run already
   * holds the key (younger than DELIVERY_TTL_MS), nothing at all is written and that run is reported. With an
   * `outcome`, which must be an end (succeeded, failed, cancelled), the row is inserted ended with `results` — unless
   * `run.history` does not keep that end: then no row is written, only the claim (if any) and the flow's not-kept
   * count. Without `outcome` the row is inserted as `run.status` with `results`, as `createRunRecord` then
   * `saveResults` would.
   */
  recordRun(
    run: NewRun,
    write?: { claim?: DeliveryClaimInput; results?: readonly NodeResult[]; outcome?: RunOutcome },
  ): Promise<DeliveryClaim>
  getRun(access: Access, id: string): Promise<Run | undefined>
  /** Newest first (startedAt, then id). */
  listRuns(access: Access, query?: RunQuery): Promise<{ items: RunSummary[]; nextCursor: string | null }>
  /** Ended runs of the accessible flows (of one flow with `flowId`) that their run history setting did not keep. */
  countRunsNotKept(access: Access, flowId?: string): Promise<number>
  /** `loadNodeResults` for a user: undefined when the run is not accessible. */
  listNodeResults(access: Access, runId: string): Promise<NodeResult[] | undefined>
  /** Forget these results so a resumed run executes those nodes again (re-run from a node). */
  deleteNodeResults(runId: string, keys: readonly string[]): Promise<void>
  /**
   * Oldest first. At startup, runs still 'running' were interrupted: resume them or `finishRun` them failed. Open
   * statuses only: they are the ones indexed (runs_open_idx), as an ended status is most of the history.
   */
  listRunsWithStatus(status: OpenRunStatus): Promise<Run[]>

  createCredential(access: Access, credential: NewCredential): Promise<Credential>
  getCredential(access: Access, id: string): Promise<CredentialWithCiphertext | undefined>
  listCredentials(access: Access): Promise<Credential[]>
  updateCredential(
    access: Access,
    id: string,
    patch: { name?: string; secret?: CredentialSecret },
  ): Promise<Credential | undefined>
  deleteCredential(access: Access, id: string): Promise<boolean>

  /**
   * Atomically ties an idempotency key to `runId` and `requestHash`, or reports the run (and request hash) that
   * already holds it (claims younger than DELIVERY_TTL_MS). Of concurrent claims on one key exactly one wins. Purges
   * expired claims.
   */
  claimDelivery(claim: {
    flowId: string
    idempotencyKey: string
    /** An opaque digest of the claiming request, stored as given and reported back to later claims. */
    requestHash: string
    runId: string
    now: number
  }): Promise<DeliveryClaim>
  /** Who holds an idempotency key now (a claim younger than DELIVERY_TTL_MS), without claiming it. */
  findDelivery(query: {
    flowId: string
    idempotencyKey: string
    now: number
  }): Promise<{ runId: string; requestHash: string | null } | undefined>
  /**
   * Frees a key claimed for `runId` whose run could not be stored (the register write failed): later calls with the
   * key start a run instead of pointing at one that never existed. A key another run holds is left alone.
   */
  releaseDelivery(claim: { flowId: string; idempotencyKey: string; runId: string }): Promise<void>
  /** True for the first claim of a (flow, planned fire time); false ever after (within SLOT_RETENTION_MS). */
  claimSlot(claim: { flowId: string; slot: number; runId: string }): Promise<boolean>

  /** Server-wide (not scoped: the API lets every user read them and only the owner change them). By model name. */
  listModelPrices(): Promise<ModelPriceRecord[]>
  /** Sets one model's price, replacing the one set before. */
  setModelPrice(price: ModelPriceRecord): Promise<void>
  /** False when no price was set for the model. */
  deleteModelPrice(model: string): Promise<boolean>

  /** Undefined when the setting was never set. */
  getSetting(name: string): Promise<SettingRecord | undefined>
  /** Sets one setting, replacing its earlier value. */
  setSetting(setting: SettingRecord): Promise<void>

  /**
   * Deletes up to `limit` runs that started before `startedBefore` and have ended (succeeded, failed or cancelled),
   * oldest first, with their node results; waiting, queued and running runs stay. Returns how many were deleted.
   * Small batches keep each transaction short, so a large clean-up never holds the database for long.
   */
  deleteEndedRuns(query: { startedBefore: number; limit: number }): Promise<number>
  /** `bytes` of measureRunHistory alone: page counts or catalogue sizes, cheap at any size (no count of rows). */
  runHistoryBytes(): Promise<number>
  /** With two counts of rows, which take time on a large history: for when the figures are needed, not every tick. */
  measureRunHistory(query: { since: number }): Promise<RunHistorySize>
  /**
   * After many runs were deleted: SQLite gives up to 8 MB of free pages back to the file system per call when more
   * than a quarter of the file is free (databases created with incremental auto-vacuum; older files keep reusing
   * them instead); PostgreSQL
   * vacuums runs so new rows reuse the space at once rather than growing the tables.
   */
  reclaimRunSpace(): Promise<void>
}

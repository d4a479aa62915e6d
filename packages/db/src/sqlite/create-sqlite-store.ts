import type { Store } from '../store.ts'
import { openSqlite, type SqliteOpenOptions } from './open-sqlite.ts'
import { type BusyRetryPolicy, retryingWhileBusy } from './retry-while-busy.ts'
import { createSqliteApprovals } from './sqlite-approvals.ts'
import { createSqliteAttention } from './sqlite-attention.ts'
import { createSqliteCallbacks } from './sqlite-callbacks.ts'
import { createSqliteChat } from './sqlite-chat.ts'
import { createSqliteClaims } from './sqlite-claims.ts'
import { createSqliteCredentials } from './sqlite-credentials.ts'
import { createSqliteFlowVersions } from './sqlite-flow-versions.ts'
import { createSqliteFlows } from './sqlite-flows.ts'
import { createSqliteKnowledge } from './sqlite-knowledge.ts'
import { createSqliteModelPrices } from './sqlite-model-prices.ts'
import { createSqlitePauses } from './sqlite-pauses.ts'
import { createSqlitePublishing } from './sqlite-publishing.ts'
import { createSqliteRunCleanup } from './sqlite-run-cleanup.ts'
import { createSqliteRunQueries } from './sqlite-run-queries.ts'
import { createSqliteRuns } from './sqlite-runs.ts'
import { createSqliteSettings } from './sqlite-settings.ts'
import { createSqliteSharing } from './sqlite-sharing.ts'
import { createSqliteTokens } from './sqlite-tokens.ts'
import { createSqliteUsers } from './sqlite-users.ts'
import { createSqliteVectorIndex, type SqliteVectorIndex } from './sqlite-vector-index.ts'
import { createWriteBatcher } from './write-batcher.ts'

export interface SqliteStoreOptions extends SqliteOpenOptions {
  /** A file path (created if missing) or `:memory:`. */
  file: string
  /** How long a call waits, on timers, while another process holds the lock (default 5 s). */
  busyRetry?: BusyRetryPolicy
}

/**
 * The embedded default store. Opening applies pending migrations. better-sqlite3 is synchronous, so each method
 * runs to completion before its promise settles and one process never interleaves two writes. A method that finds
 * the database locked by another process is tried again on a timer (retry-while-busy.ts), never by blocking.
 */
export function createSqliteStore(
  options: SqliteStoreOptions,
): Store & { close(): void; vectorIndex: SqliteVectorIndex['kind'] } {
  const { client, db, vectors } = openSqlite(options.file, options)
  const vectorIndex = createSqliteVectorIndex(client, vectors)
  const batcher = createWriteBatcher(client)
  return retryingWhileBusy(
    {
      ...createSqliteUsers(db),
      ...createSqliteTokens(db),
      ...createSqliteFlows(db),
      ...createSqliteFlowVersions(db),
      ...createSqliteRuns(client, batcher),
      ...createSqliteRunQueries(db, client),
      ...createSqliteCredentials(db),
      ...createSqliteClaims(db),
      ...createSqliteModelPrices(db),
      ...createSqliteSettings(db),
      ...createSqliteSharing(db),
      ...createSqliteChat(db),
      ...createSqliteRunCleanup(client),
      ...createSqlitePublishing(db),
      ...createSqliteApprovals(db, client),
      ...createSqliteAttention(client),
      ...createSqlitePauses(client),
      ...createSqliteCallbacks(db),
      ...createSqliteKnowledge(db, vectorIndex),
      /** How kbNearest answers: sqlite-vec, or an exact scan where it could not be loaded. */
      vectorIndex: vectorIndex.kind,
      close: () => {
        batcher.flush()
        client.close()
      },
    },
    options.busyRetry,
  )
}

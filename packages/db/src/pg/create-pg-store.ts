import type { FileStore } from '../file-store.ts'
import type { Store } from '../store.ts'
import { openPg, type PgOptions } from './open-pg.ts'
import { createPgApprovals } from './pg-approvals.ts'
import { createPgAttention } from './pg-attention.ts'
import { createPgCallbacks } from './pg-callbacks.ts'
import { createPgChat } from './pg-chat.ts'
import { createPgClaims } from './pg-claims.ts'
import { createPgCredentials } from './pg-credentials.ts'
import { createPgFiles } from './pg-files.ts'
import { createPgFlowVersions } from './pg-flow-versions.ts'
import { createPgFlows } from './pg-flows.ts'
import { createPgKnowledge } from './pg-knowledge.ts'
import { createPgModelPrices } from './pg-model-prices.ts'
import { createPgPauses } from './pg-pauses.ts'
import { createPgPublishing } from './pg-publishing.ts'
import { createPgRunCleanup } from './pg-run-cleanup.ts'
import { createPgRunQueries } from './pg-run-queries.ts'
import { createPgRuns } from './pg-runs.ts'
import { createPgSettings } from './pg-settings.ts'
import { createPgSharing } from './pg-sharing.ts'
import { createPgTokens } from './pg-tokens.ts'
import { createPgUsers } from './pg-users.ts'

export type PgStoreOptions = PgOptions

/**
 * The store for several processes sharing one PostgreSQL database (`DATABASE_URL`). Opening applies pending
 * migrations under an advisory lock, so processes starting together migrate once. Every guarantee that SQLite gets
 * from its single writer is held here by a unique constraint, a row lock or a single statement, so it holds across
 * processes too. `files` keeps media in the same database (one pool), for every process to serve. `close()` ends the
 * pool once its queries are done.
 */
export async function createPgStore(
  options: PgStoreOptions,
): Promise<Store & { files: FileStore; close(): Promise<void> }> {
  const { pool, db } = await openPg(options)
  return {
    ...createPgUsers(db),
    ...createPgTokens(db),
    ...createPgFlows(db),
    ...createPgFlowVersions(db),
    ...createPgRuns(db),
    ...createPgRunQueries(db),
    ...createPgCredentials(db),
    ...createPgClaims(db),
    ...createPgModelPrices(db),
    ...createPgSettings(db),
    ...createPgSharing(db),
    ...createPgChat(db),
    ...createPgRunCleanup(db),
    ...createPgPublishing(db),
    ...createPgApprovals(db),
    ...createPgAttention(db),
    ...createPgPauses(db),
    ...createPgCallbacks(db),
    ...createPgKnowledge(db, pool),
    files: createPgFiles(db),
    close: () => pool.end(),
  }
}

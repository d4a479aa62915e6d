import type * as sqlite from '../sqlite/index.ts'
import type * as pg from './index.ts'

// rows.ts derives every row type from the SQLite tables; the PostgreSQL store returns rows of these tables. This
// fails to compile when a table here reads or writes a different shape from its SQLite twin.

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
// stored_files has no twin: with SQLite, files stay in a folder beside the database (see file-store.ts).
type Tables = Exclude<keyof typeof pg, 'storedFiles'>
type Rows<T extends Tables> =
  Same<(typeof pg)[T]['$inferSelect'], (typeof sqlite)[T]['$inferSelect']> extends true
    ? Same<(typeof pg)[T]['$inferInsert'], (typeof sqlite)[T]['$inferInsert']>
    : false

export const sameRows: { [T in Tables]: Rows<T> } = {
  apiTokens: true,
  chatTurns: true,
  credentials: true,
  demoMessages: true,
  feedItems: true,
  feeds: true,
  flowVersions: true,
  flowCopies: true,
  flowShares: true,
  flows: true,
  kbChunks: true,
  kbDocuments: true,
  kbTerms: true,
  knowledgeBases: true,
  modelPrices: true,
  pages: true,
  publishReceipts: true,
  runCallbacks: true,
  runs: true,
  runsNotKept: true,
  scheduleSlots: true,
  sessions: true,
  settings: true,
  users: true,
  webhookDeliveries: true,
}

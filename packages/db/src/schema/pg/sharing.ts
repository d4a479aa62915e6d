import { index, pgTable, text } from 'drizzle-orm/pg-core'
import { flows } from './flows.ts'
import { ms } from './ms.ts'
import { users } from './users.ts'

// Mirrors schema/sqlite/sharing.ts column for column.

/**
 * A flow's read-only share link (one per flow). The token is kept as it is, not hashed: the link is shown again each
 * time the dialog opens, and it only reads a copy of the draft stripped of credentials and run data.
 */
export const flowShares = pgTable('flow_shares', {
  flowId: text('flow_id')
    .primaryKey()
    .references(() => flows.id, { onDelete: 'cascade' }),
  token: text('token').notNull().unique(),
  createdAt: ms('created_at').notNull(),
  /** Null: until revoked. */
  expiresAt: ms('expires_at'),
})

/** Which shared flow a student's flow was copied from: what the class overview follows. */
export const flowCopies = pgTable(
  'flow_copies',
  {
    flowId: text('flow_id')
      .primaryKey()
      .references(() => flows.id, { onDelete: 'cascade' }),
    /** No foreign key: a student's copy and its history outlive the lesson flow it came from. */
    sourceFlowId: text('source_flow_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('flow_copies_source_idx').on(t.sourceFlowId, t.userId)],
)

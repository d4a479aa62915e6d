import type { Flow } from '@zhiliu/nodes'
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './users.ts'

export const flows = sqliteTable(
  'flows',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    /** Copied from `document.name` on every save so lists need not read the document. */
    name: text('name').notNull(),
    /** The draft: what the editor saves. Runs of published versions never read it. */
    document: text('document', { mode: 'json' }).$type<Flow>().notNull(),
    publishedVersion: integer('published_version'),
    /**
     * The draft's revision (`updatedAt`) the published version equals, or null when it equals none known: the draft
     * has unpublished changes exactly when this differs from `updatedAt`.
     */
    publishedRevision: integer('published_revision'),
    webhookPath: text('webhook_path').unique(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('flows_owner_updated_idx').on(t.ownerId, t.updatedAt)],
)

/** Immutable snapshots of a flow's draft; no method updates a row once written. */
export const flowVersions = sqliteTable(
  'flow_versions',
  {
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    document: text('document', { mode: 'json' }).$type<Flow>().notNull(),
    publishedAt: integer('published_at').notNull(),
    publishedBy: text('published_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.version] })],
)

import type { Flow } from '@zhiliu/nodes'
import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { jsonValue } from './json-value.ts'
import { ms } from './ms.ts'
import { users } from './users.ts'

export const flows = pgTable(
  'flows',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    /** Copied from `document.name` on every save so lists need not read the document. */
    name: text('name').notNull(),
    /** The draft: what the editor saves. Runs of published versions never read it. */
    document: jsonValue('document').$type<Flow>().notNull(),
    publishedVersion: integer('published_version'),
    /** See schema/sqlite/flows.ts. */
    publishedRevision: ms('published_revision'),
    webhookPath: text('webhook_path').unique(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('flows_owner_updated_idx').on(t.ownerId, t.updatedAt)],
)

/** Immutable snapshots of a flow's draft; no method updates a row once written. */
export const flowVersions = pgTable(
  'flow_versions',
  {
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    document: jsonValue('document').$type<Flow>().notNull(),
    publishedAt: ms('published_at').notNull(),
    publishedBy: text('published_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.version] })],
)

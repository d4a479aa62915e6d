import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './users.ts'

/** Server-wide settings an owner changes in the editor, one row per setting; the server validates each value. */
export const settings = sqliteTable('settings', {
  name: text('name').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** Who set it; null once that user is gone. */
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
})

import { pgTable, text } from 'drizzle-orm/pg-core'
import { jsonValue } from './json-value.ts'
import { ms } from './ms.ts'
import { users } from './users.ts'

/** Server-wide settings an owner changes in the editor, one row per setting; the server validates each value. */
export const settings = pgTable('settings', {
  name: text('name').primaryKey(),
  value: jsonValue('value').$type<unknown>().notNull(),
  updatedAt: ms('updated_at').notNull(),
  /** Who set it; null once that user is gone. */
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
})

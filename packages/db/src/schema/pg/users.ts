import { sql } from 'drizzle-orm'
import { check, index, pgTable, text } from 'drizzle-orm/pg-core'
import { inList } from '../in-list.ts'
import { userRoles } from '../sqlite/users.ts'
import { ms } from './ms.ts'

// Mirrors schema/sqlite/users.ts column for column; the enum lists are the SQLite schema's, so they cannot drift.

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lowercased so lookups and the unique constraint ignore case: an e-mail, or a class account's login. */
    email: text('email').notNull().unique(),
    /** A display name (class accounts have one; people who set up with an e-mail may not). */
    name: text('name'),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: userRoles }).notNull(),
    createdAt: ms('created_at').notNull(),
    disabledAt: ms('disabled_at'),
  },
  (t) => [check('users_role_check', sql`${t.role} in ${inList(userRoles)}`)],
)

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token: a leaked database does not hand out live sessions. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: ms('expires_at').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
)

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: ms('created_at').notNull(),
    lastUsedAt: ms('last_used_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
)

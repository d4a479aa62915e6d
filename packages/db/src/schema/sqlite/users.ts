import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { inList } from '../in-list.ts'

/**
 * From most to least allowed. A student works on their own flows (and copies of flows shared with the class) like
 * an editor, but has no credentials, model providers, publishing or API tokens of their own.
 */
export const userRoles = ['owner', 'editor', 'student', 'viewer'] as const

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lowercased so lookups and the unique constraint ignore case: an e-mail, or a class account's login. */
    email: text('email').notNull().unique(),
    /** A display name (class accounts have one; people who set up with an e-mail may not). */
    name: text('name'),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: userRoles }).notNull(),
    createdAt: integer('created_at').notNull(),
    /** Set while the owner has disabled the account: it cannot sign in, and its sessions and tokens do not work. */
    disabledAt: integer('disabled_at'),
  },
  (t) => [check('users_role_check', sql`${t.role} in ${inList(userRoles)}`)],
)

export const sessions = sqliteTable(
  'sessions',
  {
    /** sha256 of the cookie token: a leaked database does not hand out live sessions. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
)

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
)

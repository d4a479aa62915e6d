import { index, pgTable, text } from 'drizzle-orm/pg-core'
import { ms } from './ms.ts'
import { users } from './users.ts'

export const credentials = pgTable(
  'credentials',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** What the secret is for (e.g. `openai`), so nodes can offer matching credentials. */
    type: text('type').notNull(),
    /** Encrypted by the server; text (not bytea) so every database stores it the same way. */
    ciphertext: text('ciphertext').notNull(),
    /** Which server key encrypted it, so keys can rotate. */
    keyId: text('key_id').notNull(),
    /** Masked, e.g. `sk-…a1b2`: enough to recognise the secret, never enough to use it. */
    hint: text('hint').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('credentials_owner_idx').on(t.ownerId)],
)

import { customType, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { ms } from './ms.ts'

/** node-postgres sends a Buffer as binary and reads `bytea` back as one (a Buffer is a Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => value,
})

/**
 * The FileStore of a PostgreSQL installation: uploaded and generated media, which every process must serve. No
 * SQLite twin: with SQLite they stay files under DATA_DIR/media. Sizes stay within the upload limits (25 MB), far
 * below bytea's 1 GB; PostgreSQL moves large values out of line (TOAST) by itself.
 */
export const storedFiles = pgTable('stored_files', {
  name: text('name').primaryKey(),
  /** The writer's idempotency key: one file per key, ever. */
  key: text('key').notNull().unique(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: ms('created_at').notNull(),
})

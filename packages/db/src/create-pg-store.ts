import type { FileStore } from './file-store.ts'
import type { PgStoreOptions } from './pg/create-pg-store.ts'
import type { Store } from './store.ts'

/**
 * The PostgreSQL store (pg/create-pg-store.ts), its module loaded when it is asked for: its schema pulls in drizzle's
 * pg-core (≈ 70 modules), which a server on SQLite never needs.
 */
export async function createPgStore(
  options: PgStoreOptions,
): Promise<Store & { files: FileStore; close(): Promise<void> }> {
  return (await import('./pg/create-pg-store.ts')).createPgStore(options)
}

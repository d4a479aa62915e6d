import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'

export type SqliteDb = BetterSQLite3Database

// Resolved from this module, not the working directory, so the server and tests open the same migrations.
const migrationsFolder = fileURLToPath(new URL('../../migrations/sqlite', import.meta.url))

/** Opens (or creates) the database file, sets the connection up and applies pending migrations. */
export function openSqlite(file: string): { client: Database.Database; db: SqliteDb } {
  const client = new Database(file)
  try {
    // Set first: switching to WAL takes a lock another process may hold.
    client.pragma('busy_timeout = 5000')
    // WAL lets the API read while the engine writes; NORMAL skips the fsync per commit, which WAL makes safe
    // against corruption (a power cut may lose the last commits, never the file).
    client.pragma('journal_mode = WAL')
    client.pragma('synchronous = NORMAL')
    client.pragma('foreign_keys = ON')
    const db = drizzle({ client })
    try {
      migrate(db, { migrationsFolder })
    } catch {
      // drizzle reads which migrations ran outside its transaction, so when processes open a new file together
      // the losers fail on CREATE TABLE once the winner commits. A second pass then finds nothing to do; a real
      // migration error fails the same way again and is thrown.
      migrate(db, { migrationsFolder })
    }
    return { client, db }
  } catch (error) {
    client.close()
    throw error
  }
}

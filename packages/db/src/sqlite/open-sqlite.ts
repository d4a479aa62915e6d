import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'

export type SqliteDb = BetterSQLite3Database

const WAL_AUTOCHECKPOINT_PAGES = 4000

// Resolved from this module, not the working directory, so the server and tests open the same migrations.
const migrationsFolder = fileURLToPath(new URL('../../migrations/sqlite', import.meta.url))

export interface SqliteOpenOptions {
  /**
   * Test hook: SQLite's `max_page_count` for this connection, so a test can fill the database like a full disk
   * (writes past it fail with SQLITE_FULL). The server sets it from ZHILIU_TEST_SQLITE_MAX_PAGES.
   */
  maxPageCount?: number
}

/** Opens (or creates) the database file, sets the connection up and applies pending migrations. */
export function openSqlite(
  file: string,
  options: SqliteOpenOptions = {},
): { client: Database.Database; db: SqliteDb } {
  const client = new Database(file)
  try {
    // Only takes effect on a new file (before its first table): deleted runs' pages can then be given back to the
    // file system (see reclaimRunSpace). An existing file keeps its mode and reuses free pages instead.
    client.pragma('auto_vacuum = INCREMENTAL')
    // Set first: switching to WAL takes a lock another process may hold.
    client.pragma('busy_timeout = 5000')
    // WAL lets the API read while the engine writes; NORMAL skips the fsync per commit, which WAL makes safe
    // against corruption (a power cut may lose the last commits, never the file).
    client.pragma('journal_mode = WAL')
    client.pragma('synchronous = NORMAL')
    // Checkpoint every 4,000 WAL pages (a 16 MB WAL) instead of SQLite's 1,000: a page rewritten many times between
    // checkpoints is copied once, and the fsync comes a quarter as often. The run hot path (10 writes per webhook
    // run) went from 213 to 160 µs per run in a store micro-benchmark; 10,000 pages gained only 6 µs more.
    client.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
    client.pragma('foreign_keys = ON')
    const db = drizzle({ client })
    migrateWithRetry(db)
    // After migrating, which must fit; SQLite never sets it below the pages already used.
    if (options.maxPageCount !== undefined)
      client.pragma(`max_page_count = ${Math.trunc(options.maxPageCount)}`)
    return { client, db }
  } catch (error) {
    client.close()
    throw error
  }
}

const MIGRATION_ATTEMPTS = 8

/**
 * drizzle reads which migrations ran outside its transaction, so when several processes open a new file together
 * the losers fail on CREATE TABLE once the winner commits. Trying again (after a short pause that lets the winner
 * finish the rest of its migrations) finds nothing left to do; a real migration error fails every time and is
 * thrown.
 */
function migrateWithRetry(db: SqliteDb): void {
  for (let attempt = 1; ; attempt++) {
    try {
      migrate(db, { migrationsFolder })
      return
    } catch (error) {
      if (attempt >= MIGRATION_ATTEMPTS) throw error
      // Opening is synchronous everywhere it is called; a blocking pause of a few ms is fine here, at start-up.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 * attempt)
    }
  }
}

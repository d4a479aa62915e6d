import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { migrationsFolder } from '../migrations-folder.ts'
import { loadSqliteVec } from './load-sqlite-vec.ts'
import { dropVectorTriggers } from './sqlite-vector-index.ts'

export type SqliteDb = BetterSQLite3Database

const WAL_AUTOCHECKPOINT_PAGES = 4000

export interface SqliteOpenOptions {
  /**
   * Test hook: SQLite's `max_page_count` for this connection, so a test can fill the database like a full disk
   * (writes past it fail with SQLITE_FULL). The server sets it from ZHILIU_TEST_SQLITE_MAX_PAGES.
   */
  maxPageCount?: number
  /** Test hook: the sqlite-vec library to load instead of the npm package's (a missing file plays a platform without one). */
  sqliteVecPath?: string
  /** Called once at open when sqlite-vec cannot be loaded: vector search then scans every vector exactly. */
  onVectorIndexUnavailable?: (error: unknown) => void
}

/** Opens (or creates) the database file, sets the connection up and applies pending migrations. */
export function openSqlite(
  file: string,
  options: SqliteOpenOptions = {},
): { client: Database.Database; db: SqliteDb; vectors: boolean } {
  const client = new Database(file)
  try {
    // Only takes effect on a new file (before its first table): deleted runs' pages can then be given back to the
    // file system (see reclaimRunSpace). An existing file keeps its mode and reuses free pages instead.
    client.pragma('auto_vacuum = INCREMENTAL')
    // Set first: switching to WAL and migrating take a lock another process may hold. Opening happens once, at
    // start-up, so waiting synchronously is fine here; see below for every call after it.
    client.pragma('busy_timeout = 5000')
    // WAL lets the API read while the engine writes; NORMAL skips the fsync per commit, which WAL makes safe
    // against corruption (a power cut may lose the last commits, never the file).
    client.pragma('journal_mode = WAL')
    client.pragma('synchronous = NORMAL')
    // Checkpoint every 4,000 WAL pages (a 16 MB WAL) instead of SQLite's 1,000: a page rewritten many times between
    // checkpoints is copied once, and the fsync comes a quarter as often. The run hot path (10 writes per webhook
    // run) went from 213 to 160 µs per run in a store micro-benchmark; 10,000 pages gained only 6 µs more.
    client.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
    const db = drizzle({ client })
    // Migrations run with foreign keys off: rebuilding a table others reference (SQLite's only way to change a
    // CHECK) would otherwise cascade its DROP to the referencing rows, and the PRAGMA inside a migration is ignored
    // in the migrator's transaction. What they leave must still hold every reference.
    client.pragma('foreign_keys = OFF')
    migrateWithRetry(db)
    const broken = client.pragma('foreign_key_check') as unknown[]
    if (broken.length > 0) throw new Error(`Migrations left ${broken.length} broken references`)
    client.pragma('foreign_keys = ON')
    const { error: vecError } = loadSqliteVec(client, options.sqliteVecPath)
    if (vecError !== undefined) {
      dropVectorTriggers(client)
      options.onVectorIndexUnavailable?.(vecError)
    }
    // From here on a locked database fails at once (SQLITE_BUSY) and the store tries again on a timer
    // (retry-while-busy.ts): SQLite's busy wait is a sleep inside the call, which would stop the whole event loop.
    client.pragma('busy_timeout = 0')
    // After migrating, which must fit; SQLite never sets it below the pages already used.
    if (options.maxPageCount !== undefined)
      client.pragma(`max_page_count = ${Math.trunc(options.maxPageCount)}`)
    return { client, db, vectors: vecError === undefined }
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
      migrate(db, { migrationsFolder: migrationsFolder('sqlite') })
      return
    } catch (error) {
      if (attempt >= MIGRATION_ATTEMPTS) throw error
      // Opening is synchronous everywhere it is called; a blocking pause of a few ms is fine here, at start-up.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 * attempt)
    }
  }
}

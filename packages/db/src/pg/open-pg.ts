import type { NodePgDatabase, NodePgQueryResultHKT } from 'drizzle-orm/node-postgres'
import type { PgDatabase } from 'drizzle-orm/pg-core'
import type pg from 'pg'
import { migrationsFolder } from '../migrations-folder.ts'

export type PgDb = NodePgDatabase
/** The pool's database or a transaction on it: what a query that may run inside a transaction takes. */
export type PgQueries = PgDatabase<NodePgQueryResultHKT>

/**
 * The session-level advisory lock every Zhiliu process takes around its migrations: the first one in migrates, the
 * others wait and then find nothing left to do. drizzle's migrator alone is not safe to run twice at once (both
 * read "not applied yet"; the second fails on CREATE SCHEMA or CREATE TABLE). A fixed number: any 64-bit value no other
 * application on the database uses; this one is "zhiliu" in ASCII.
 */
const MIGRATION_LOCK = 0x7a68696c6975n

export interface PgOptions {
  /** `postgres://user:password@host:port/database` */
  url: string
  /** Connections in the pool (node-postgres' default is 10). */
  maxConnections?: number
  /**
   * An idle pooled connection failed (the server restarted, an administrator ended it). The pool drops it and
   * connects anew on the next query; this only reports it. Without a listener node-postgres would crash the process.
   */
  onIdleError?: (error: Error) => void
}

/** Opens a pool on the database and applies pending migrations under the advisory lock. */
export async function openPg(options: PgOptions): Promise<{ pool: pg.Pool; db: PgDb }> {
  // The driver is loaded only when PostgreSQL is used: a server on the embedded SQLite never pays for it.
  const [{ default: pgDriver }, { drizzle }, { migrate }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ])
  const pool = new pgDriver.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 })
  pool.on('error', options.onIdleError ?? (() => {}))
  try {
    await migrateLocked(pool, (client) =>
      migrate(drizzle({ client }), { migrationsFolder: migrationsFolder('pg') }),
    )
  } catch (error) {
    await pool.end()
    throw error
  }
  return { pool, db: drizzle({ client: pool }) }
}

async function migrateLocked(
  pool: pg.Pool,
  migrate: (client: pg.PoolClient) => Promise<void>,
): Promise<void> {
  // One connection holds the lock and runs the migrations: a session lock belongs to its connection.
  const client = await pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK.toString()])
    try {
      await migrate(client)
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()])
    }
  } finally {
    client.release()
  }
}

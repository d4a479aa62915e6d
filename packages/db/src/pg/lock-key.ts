import { sql } from 'drizzle-orm'
import type { PgQueries } from './open-pg.ts'

/**
 * Holds a transaction-scoped advisory lock on (`space`, `name`) until the transaction ends: the PostgreSQL stand-in
 * for SQLite's IMMEDIATE transaction, narrowed to one name, for writes that read before they decide and must not
 * interleave with another process doing the same (e.g. two processes publishing the same key). The two-number form
 * never collides with the one-number migration lock; a hash collision between names only serialises more.
 */
export async function lockKey(tx: PgQueries, space: string, name: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${space}), hashtext(${name}))`)
}

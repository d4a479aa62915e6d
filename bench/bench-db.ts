import type { TestDatabase } from '@zhiliu/test-postgres'
import pg from 'pg'

let sent = 0
/** Queries this benchmark sent so far: pg_stat counts them too, and they are not the server's. */
export const queriesSent = () => sent

/** One query on a connection of its own (a transaction in pg_stat_database's count). */
export async function sql<Row extends pg.QueryResultRow>(db: TestDatabase, text: string): Promise<Row[]> {
  sent += 1
  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  try {
    return (await client.query<Row>(text)).rows
  } finally {
    await client.end()
  }
}

/** Resolves once `count` runs have ended, whichever process ran them. */
export async function waitEnded(db: TestDatabase, count: number, pollMs: number): Promise<void> {
  for (;;) {
    const [row] = await sql<{ n: number }>(
      db,
      `select count(*)::int as n from runs where status not in ('queued', 'running')`,
    )
    if ((row?.n ?? 0) >= count) return
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
}

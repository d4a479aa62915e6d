import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The local server tests run on; trust auth, as .ci/run sets it up. Override to point tests elsewhere. */
const SERVER_URL = process.env.ZHILIU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestDatabase {
  /** `postgres://…/zhiliu_test_<random>`: what a store or server under test is given. */
  url: string
  /** Empties every table in the `public` schema (the migrations' own bookkeeping stays): a fresh store per test. */
  reset(): Promise<void>
  /** Drops the database, ending any connection still open on it. */
  drop(): Promise<void>
}

/**
 * A new, empty database named `zhiliu_test_<random>` on the local PostgreSQL, for one test file: files run side by
 * side (and so do several engineers' suites) without seeing each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `zhiliu_test_${randomBytes(6).toString('hex')}`
  await onServer(`create database ${name}`)
  const url = new URL(SERVER_URL)
  url.pathname = `/${name}`
  let client: pg.Client | undefined
  return {
    url: url.toString(),
    async reset() {
      if (!client) {
        client = new pg.Client({ connectionString: url.toString() })
        await client.connect()
      }
      const { rows } = await client.query<{ name: string }>(
        `select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`,
      )
      // DELETE, not TRUNCATE: on tables this small TRUNCATE's new files and fsyncs cost ~0.5 s, DELETE a few ms.
      // Replica mode skips the foreign-key triggers, so the order of the tables does not matter.
      const deletes = rows.map((r) => `delete from ${r.name};`).join(' ')
      await client.query(`begin; set local session_replication_role = replica; ${deletes} commit;`)
    },
    async drop() {
      await client?.end()
      await onServer(`drop database if exists ${name} with (force)`)
    },
  }
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

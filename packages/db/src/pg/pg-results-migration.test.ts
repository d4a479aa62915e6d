import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTestDatabase } from '@zhiliu/test-postgres'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createPgStore } from './create-pg-store.ts'

const database = await createTestDatabase()
const dir = mkdtempSync(join(tmpdir(), 'zhiliu-pg-migrations-'))
afterAll(async () => {
  await database.drop()
  rmSync(dir, { recursive: true, force: true })
})

/** The database as the release before the results record left it: every migration before it, then `seed`. */
async function databaseBefore(tag: string, seed: string) {
  const source = fileURLToPath(new URL('../../migrations/pg', import.meta.url))
  cpSync(source, dir, { recursive: true })
  const journal = JSON.parse(readFileSync(join(source, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[]
  }
  const upTo = journal.entries.findIndex((e) => e.tag === tag)
  expect(upTo).toBeGreaterThan(0)
  writeFileSync(
    join(dir, 'meta/_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }),
  )
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    await migrate(drizzle({ client }), { migrationsFolder: dir })
    await client.query(seed)
  } finally {
    await client.end()
  }
}

describe('postgres migration to one results record per run', () => {
  it('turns the node rows of existing runs into their record, every field read back as it was', async () => {
    await databaseBefore(
      '0009_run_results_record',
      `insert into runs (id, trigger, status, event, started_at) values
        ('done', 'manual', 'succeeded', '{}', 1000), ('held', 'manual', 'waiting', '{}', 5000);
      insert into node_results
        (run_id, key, node_id, status, ports, input, output, error, attempts, started_at, finished_at) values
        ('done', 'a', 'a', 'succeeded', '["out"]', '{"config":{"x":1}}', '{"v":"ü"}', null, 1, 1000, 1004),
        ('done', 'each[1].b', 'b', 'failed', '["error"]', null, 'null', '{"code":"E","message":"m"}', 3, 1004, 1010),
        ('done', 'c', 'c', 'skipped', '[]', null, null, null, 0, 1010, 1010),
        ('held', 'ask', 'ask', 'waiting', '[]', null, '{"question":"ok?"}', null, 1, 5002, 5002);`,
    )
    const store = await createPgStore({ url: database.url })
    try {
      expect(await store.loadNodeResults('done')).toEqual([
        {
          key: 'a',
          nodeId: 'a',
          status: 'succeeded',
          ports: ['out'],
          input: { config: { x: 1 } },
          output: { v: 'ü' },
          attempts: 1,
          startedAt: 1000,
          finishedAt: 1004,
        },
        {
          key: 'each[1].b',
          nodeId: 'b',
          status: 'failed',
          ports: ['error'],
          output: null,
          error: { code: 'E', message: 'm' },
          attempts: 3,
          startedAt: 1004,
          finishedAt: 1010,
        },
        {
          key: 'c',
          nodeId: 'c',
          status: 'skipped',
          ports: [],
          attempts: 0,
          startedAt: 1010,
          finishedAt: 1010,
        },
      ])
      // The waiting entry is still found and decided.
      const [waiting] = await store.listWaitingNodes({ userId: 'nobody', all: true })
      expect(waiting).toMatchObject({ runId: 'held', key: 'ask', output: { question: 'ok?' }, since: 5002 })
      const decided = { key: 'ask', nodeId: 'ask', status: 'succeeded' as const, ports: ['out'], attempts: 1 }
      expect(
        await store.decideWaitingNode('held', {
          ...decided,
          output: { approved: true },
          startedAt: 5002,
          finishedAt: 6000,
        }),
      ).toEqual({ decided: true, resume: true })
    } finally {
      await store.close()
    }
  })
})

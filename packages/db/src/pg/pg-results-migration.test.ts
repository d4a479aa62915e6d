import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTestDatabase } from '@zhiliu/test-postgres'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { PACK_FORMAT } from '../packed-run.ts'
import { createPgStore } from './create-pg-store.ts'

const database = await createTestDatabase()
const dir = mkdtempSync(join(tmpdir(), 'zhiliu-pg-migrations-'))
afterAll(async () => {
  await database.drop()
  rmSync(dir, { recursive: true, force: true })
})

/** The database as the release before `tag` left it: every migration before it, then `seed`. */
async function databaseBefore(tag: string, seed: string, url = database.url) {
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
  const client = new pg.Client({ connectionString: url })
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

describe('postgres migration to packed runs', () => {
  it('keeps runs stored before packing readable as they are (plain), and packs their next end', async () => {
    const fresh = await createTestDatabase()
    const event = {
      body: { title: 'quarterly report on workflow engine throughput', tags: ['a', 'b'] },
      query: {},
    }
    try {
      await databaseBefore(
        '0011_run_packed_values',
        `insert into users (id, email, password_hash, role, created_at) values ('u1', 'a@example.com', 'h', 'owner', 1);
         insert into runs (id, owner_id, trigger, status, event, output, results, started_at, finished_at) values
           ('old', 'u1', 'webhook', 'succeeded', '${JSON.stringify(event)}', '{"body":{"ok":true}}',
            '{"upper":{"t":1,"o":{"result":"QUARTERLY"},"d":2}}', 1000, 1010);`,
        fresh.url,
      )
      const store = await createPgStore({ url: fresh.url })
      const access = { userId: 'u1', all: true }
      try {
        expect(await store.getRun(access, 'old')).toMatchObject({ event, output: { body: { ok: true } } })
        expect(await store.loadNodeResults('old')).toEqual([
          expect.objectContaining({
            key: 'upper',
            output: { result: 'QUARTERLY' },
            startedAt: 1001,
            finishedAt: 1003,
          }),
        ])
        expect((await store.listRuns(access)).items[0]?.inputPreview).toBe(JSON.stringify(event.body))
        await store.createRun({ id: 'old', event, status: 'running', startedAt: 1000 })
        await store.finishRun('old', { status: 'succeeded', output: { body: { ok: 2 } }, finishedAt: 1020 })
        expect(await store.getRun(access, 'old')).toMatchObject({ event, output: { body: { ok: 2 } } })
      } finally {
        await store.close()
      }
      const client = new pg.Client({ connectionString: fresh.url })
      await client.connect()
      const { rows } = await client.query('select event, output, results, document, packed from runs')
      await client.end()
      expect(rows[0]).toMatchObject({ event: null, output: null, results: null, document: null })
      expect(rows[0].packed[0]).toBe(PACK_FORMAT)
    } finally {
      await fresh.drop()
    }
  })
})

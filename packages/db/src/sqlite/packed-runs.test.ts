import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { PACK_FORMAT } from '../packed-run.ts'
import { createSqliteStore } from './create-sqlite-store.ts'

const dir = mkdtempSync(join(tmpdir(), 'zhiliu-packed-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A database as the release before packed runs (0019) left it. */
function databaseBefore0019(file: string) {
  const folder = join(dir, 'migrations')
  cpSync(fileURLToPath(new URL('../../migrations/sqlite', import.meta.url)), folder, { recursive: true })
  const journalFile = join(folder, 'meta/_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
  journal.entries = journal.entries.filter((e) => e.tag < '0019')
  writeFileSync(journalFile, JSON.stringify(journal))
  const client = new Database(file)
  migrate(drizzle({ client }), { migrationsFolder: folder })
  return client
}

const body = {
  title: 'quarterly report on workflow engine throughput',
  author: 'Ada Lovelace',
  tags: ['a', 'b'],
}
const event = {
  body,
  headers: { 'content-type': 'application/json' },
  query: {},
  method: 'POST',
  firedAt: 'x',
}

describe('packed runs in SQLite', () => {
  it('keeps runs stored before packing readable as they are (plain), and packs their next end', async () => {
    const file = join(dir, 'old.db')
    const old = databaseBefore0019(file)
    old.exec(`
      insert into users (id, email, password_hash, role, created_at) values ('u1', 'a@example.com', 'h', 'owner', 1);
      insert into runs (id, owner_id, trigger, status, event, output, results, started_at, finished_at) values
        ('old', 'u1', 'webhook', 'succeeded', '${JSON.stringify(event)}', '{"body":{"ok":true}}',
         '{"upper":{"t":1,"o":{"result":"QUARTERLY"},"d":2}}', 1000, 1010);
      insert into run_callbacks (run_id, flow_id, url, next_attempt_at, created_at) values ('old', 'f', 'https://example.com', 0, 1);
    `)
    old.close()
    const store = createSqliteStore({ file })
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
      expect((await store.listRuns(access)).items[0]?.inputPreview).toBe(JSON.stringify(body))
      const [callback] = await store.claimDueCallbacks({ now: 1, leaseMs: 1_000, limit: 1 })
      expect(callback?.output).toEqual({ body: { ok: true } })

      await store.createRun({ id: 'old', event, status: 'running', startedAt: 1000 })
      await store.finishRun('old', { status: 'succeeded', output: { body: { ok: 2 } }, finishedAt: 1020 })
      expect(await store.getRun(access, 'old')).toMatchObject({ event, output: { body: { ok: 2 } } })
    } finally {
      store.close()
    }
    const db = new Database(file, { readonly: true })
    const row = db.prepare('select event, output, results, document, packed from runs').get() as Record<
      string,
      unknown
    >
    db.close()
    expect(row).toMatchObject({ event: null, output: null, results: null, document: null })
    expect((row.packed as Buffer)[0]).toBe(PACK_FORMAT)
  })

  it('stores a run recorded whole at its end (a deferred webhook run) packed, and reads it back as written', async () => {
    const file = join(dir, 'recorded.db')
    const store = createSqliteStore({ file })
    const access = { userId: 'u1', all: true }
    const results = [
      {
        key: 'upper',
        nodeId: 'upper',
        status: 'succeeded' as const,
        ports: ['out'],
        output: { result: 'QUARTERLY REPORT ON WORKFLOW ENGINE THROUGHPUT' },
        attempts: 1,
        startedAt: 1001,
        finishedAt: 1003,
      },
    ]
    const output = {
      status: 200,
      headers: {},
      body: { title: 'QUARTERLY REPORT ON WORKFLOW ENGINE THROUGHPUT' },
    }
    try {
      const owner = new Database(file)
      owner.exec(
        "insert into users (id, email, password_hash, role, created_at) values ('u1', 'a@example.com', 'h', 'owner', 1)",
      )
      owner.close()
      await store.recordRun(
        { id: 'rec', ownerId: 'u1', trigger: 'webhook', status: 'running', event, startedAt: 1000 },
        { outcome: { status: 'succeeded', output, finishedAt: 1010 }, results },
      )
      expect(await store.getRun(access, 'rec')).toMatchObject({ status: 'succeeded', event, output })
      expect(await store.loadNodeResults('rec')).toEqual(results)
      expect((await store.listRuns(access)).items[0]?.inputPreview).toBe(JSON.stringify(body))
    } finally {
      store.close()
    }
    const db = new Database(file, { readonly: true })
    const row = db.prepare('select event, output, results, packed from runs').get() as Record<string, unknown>
    db.close()
    expect(row).toMatchObject({ event: null, output: null, results: null })
    expect((row.packed as Buffer)[0]).toBe(PACK_FORMAT)
  })
})

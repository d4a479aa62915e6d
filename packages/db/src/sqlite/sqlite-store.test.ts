import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { flowDocument } from '../contract/contract-context.ts'
import { isStorageFull } from '../storage-full.ts'
import { describeStore } from '../store-contract.ts'
import { createSqliteStore } from './create-sqlite-store.ts'
import { openSqlite } from './open-sqlite.ts'

const dir = mkdtempSync(join(tmpdir(), 'zhiliu-db-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const tempFile = () => join(dir, `${randomUUID()}.db`)

describeStore('sqlite', async () => createSqliteStore({ file: tempFile() }))
describeStore('sqlite :memory:', async () => createSqliteStore({ file: ':memory:' }))

const journal: { entries: unknown[] } = JSON.parse(
  readFileSync(new URL('../../migrations/sqlite/meta/_journal.json', import.meta.url), 'utf8'),
)
const appliedMigrations = (file: string) => {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('sqlite store', () => {
  it('applies every migration on first open and none again on reopen', () => {
    const file = tempFile()
    createSqliteStore({ file }).close()
    expect(journal.entries.length).toBeGreaterThan(0)
    expect(appliedMigrations(file)).toBe(journal.entries.length)
    createSqliteStore({ file }).close()
    expect(appliedMigrations(file)).toBe(journal.entries.length)
  })

  it('puts the database file in WAL mode', () => {
    const file = tempFile()
    createSqliteStore({ file }).close()
    const db = new Database(file)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  it('lets the WAL grow to about 16 MB between checkpoints, and no further', () => {
    const file = tempFile()
    const { client } = openSqlite(file)
    client.exec('create table filler (id integer primary key, v blob not null)')
    const insert = client.prepare('insert into filler (v) values (?)')
    const write = client.transaction(() => {
      for (let i = 0; i < 250; i++) insert.run(Buffer.alloc(3500))
    })
    let largest = 0
    // ~45 MB in commits of ~1 MB, as a busy server's group commits make them.
    for (let commit = 0; commit < 50; commit++) {
      write()
      largest = Math.max(largest, statSync(`${file}-wal`).size)
    }
    client.close()
    // Fewer, larger checkpoints than SQLite's 1,000 pages (~4 MB), yet a bounded file.
    expect(largest).toBeGreaterThan(8_000_000)
    expect(largest).toBeLessThan(20_000_000)
  })

  it("gives deleted runs' pages back to the file system once a quarter of a new file is free", async () => {
    const file = tempFile()
    const store = createSqliteStore({ file })
    const user = await store.createUser({ email: 'a@example.com', passwordHash: 'h', role: 'owner' })
    for (let i = 0; i < 200; i++) {
      const run = { id: `r${i}`, ownerId: user.id, trigger: 'manual' as const, status: 'queued' as const }
      await store.createRunRecord({
        ...run,
        event: { body: randomBytes(15_000).toString('base64') },
        startedAt: i,
      })
      await store.finishRun(run.id, { status: 'succeeded', finishedAt: i })
    }
    const pages = () => {
      const db = new Database(file, { readonly: true })
      try {
        return db.pragma('page_count', { simple: true }) as number
      } finally {
        db.close()
      }
    }
    const full = pages()
    await store.deleteEndedRuns({ startedBefore: 150, limit: 1_000 })
    await store.reclaimRunSpace()
    expect(pages()).toBeLessThan(full / 2)
    store.close()
  })

  it('refuses writes past max_page_count with an error read as storage full, and takes them again once runs go', async () => {
    const file = tempFile()
    createSqliteStore({ file }).close()
    const store = createSqliteStore({ file, maxPageCount: 400 })
    const user = await store.createUser({ email: 'a@example.com', passwordHash: 'h', role: 'owner' })
    const run = (i: number) => ({
      id: `r${i}`,
      ownerId: user.id,
      trigger: 'manual' as const,
      status: 'queued' as const,
      event: { body: 'x'.repeat(8_000) },
      startedAt: i,
    })
    let stored = 0
    let refusal: unknown
    while (refusal === undefined) {
      try {
        await store.createRunRecord(run(stored))
        await store.finishRun(`r${stored++}`, { status: 'succeeded', finishedAt: 1 })
      } catch (error) {
        refusal = error
      }
    }
    expect(isStorageFull(refusal)).toBe(true)
    expect(isStorageFull(new Error('SQLITE_FULL in the text only'))).toBe(false)
    // What was stored before the refusal is intact.
    expect(await store.getRun({ userId: user.id, all: true }, 'r0')).toMatchObject({ status: 'succeeded' })
    await store.deleteEndedRuns({ startedBefore: 10, limit: 100 })
    await store.createRunRecord(run(stored))
    expect(await store.getRun({ userId: user.id, all: true }, `r${stored}`)).toBeDefined()
    store.close()
  })

  it('keeps data across close and reopen', async () => {
    const file = tempFile()
    const first = createSqliteStore({ file })
    const user = await first.createUser({ email: 'a@example.com', passwordHash: 'h', role: 'owner' })
    const access = { userId: user.id, all: true }
    const flow = await first.createFlow(access, { document: flowDocument('kept') })
    await first.publishFlow(access, flow.id)
    first.close()
    const second = createSqliteStore({ file })
    expect(await second.getFlow(access, flow.id)).toEqual({
      ...flow,
      publishedVersion: 1,
      publishedRevision: expect.any(Number),
      updatedAt: expect.any(Number),
    })
    expect((await second.getFlowVersion(access, flow.id, 1))?.document).toEqual(flowDocument('kept'))
    second.close()
  })

  it('stores no result for a run that is not stored (deleted, or never registered)', async () => {
    const store = createSqliteStore({ file: tempFile() })
    const result = {
      key: 'a',
      nodeId: 'a',
      status: 'succeeded' as const,
      ports: [],
      attempts: 1,
      startedAt: 1,
      finishedAt: 2,
    }
    await store.recordNode('no-such-run', result)
    expect(await store.loadNodeResults('no-such-run')).toEqual([])
    store.close()
  })

  /** A database as an older release left it: the migrations before `tag` applied, then `seed` run on it. */
  const databaseBefore = (tag: string, seed: string) => {
    const before = join(dir, `migrations-${randomUUID()}`)
    const source = fileURLToPath(new URL('../../migrations/sqlite', import.meta.url))
    cpSync(source, before, { recursive: true })
    const upTo = journal.entries.findIndex((e) => (e as { tag: string }).tag === tag)
    expect(upTo).toBeGreaterThan(0)
    const old = { ...journal, entries: journal.entries.slice(0, upTo) }
    writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify(old))
    const file = tempFile()
    const client = new Database(file)
    client.pragma('foreign_keys = ON')
    migrate(drizzle({ client }), { migrationsFolder: before })
    client.exec(seed)
    client.close()
    return file
  }

  it('keeps every run and its node results through a migration that rebuilds the runs table', async () => {
    // As the release before needs_attention left it: one run with a result.
    const file = databaseBefore(
      '0010_needs_attention',
      `insert into runs (id, trigger, status, event, started_at) values ('r1', 'manual', 'succeeded', '{}', 1);
      insert into node_results (run_id, key, node_id, status, ports, attempts, started_at, finished_at)
      values ('r1', 'a', 'a', 'succeeded', '[]', 1, 1, 2);`,
    )
    const { client: upgraded } = openSqlite(file)
    try {
      expect(upgraded.pragma('foreign_keys', { simple: true })).toBe(1)
      upgraded.prepare("update runs set status = 'needs_attention' where id = 'r1'").run()
    } finally {
      upgraded.close()
    }
    const store = createSqliteStore({ file })
    expect(await store.loadNodeResults('r1')).toEqual([
      { key: 'a', nodeId: 'a', status: 'succeeded', ports: [], attempts: 1, startedAt: 1, finishedAt: 2 },
    ])
    store.close()
  })

  it('turns the node rows of existing runs into their results record, every field read back as it was', async () => {
    const file = databaseBefore(
      '0017_run_results_record',
      `insert into runs (id, trigger, status, event, started_at) values
        ('done', 'manual', 'succeeded', '{}', 1000), ('held', 'manual', 'waiting', '{}', 5000);
      insert into node_results
        (run_id, key, node_id, status, ports, input, output, error, attempts, started_at, finished_at) values
        ('done', 'a', 'a', 'succeeded', '["out"]', '{"config":{"x":1}}', '{"v":"ü"}', null, 1, 1000, 1004),
        ('done', 'each[1].b', 'b', 'failed', '["error"]', null, 'null', '{"code":"E","message":"m"}', 3, 1004, 1010),
        ('done', 'c', 'c', 'skipped', '[]', null, null, null, 0, 1010, 1010),
        ('held', 'ask', 'ask', 'waiting', '[]', null, '{"question":"ok?"}', null, 1, 5002, 5002);`,
    )
    const store = createSqliteStore({ file })
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
      { key: 'c', nodeId: 'c', status: 'skipped', ports: [], attempts: 0, startedAt: 1010, finishedAt: 1010 },
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
    store.close()
    const db = new Database(file, { readonly: true })
    const tables = db.prepare("select name from sqlite_master where name = 'node_results'").all()
    db.close()
    expect(tables).toEqual([])
  })

  it('refuses, in the schema itself, a role or status outside the known lists', () => {
    const file = tempFile()
    createSqliteStore({ file }).close()
    const db = new Database(file)
    const addUser = db.prepare(
      'insert into users (id, email, password_hash, role, created_at) values (?, ?, ?, ?, 1)',
    )
    expect(() => addUser.run('u1', 'a@example.com', 'h', 'admin')).toThrow(/CHECK constraint failed/)
    addUser.run('u2', 'b@example.com', 'h', 'viewer')
    const addRun = db.prepare(
      "insert into runs (id, trigger, status, event, started_at) values (?, 'manual', ?, '{}', 1)",
    )
    expect(() => addRun.run('r1', 'sleeping')).toThrow(/CHECK constraint failed/)
    db.close()
  })

  it('opens a new file from four processes at once, then serialises their claims and publishes', async () => {
    const file = tempFile()
    const rounds = 100
    const openAt = Date.now() + 2_500
    // Processes, not worker threads: each must hold its own connection and locks, as separate servers would.
    const children = ['a', 'b', 'c', 'd'].map((name) =>
      fork(
        fileURLToPath(new URL('./race-process.ts', import.meta.url)),
        [JSON.stringify({ file, name, rounds, openAt })],
        {
          execArgv: ['--import', 'tsx'],
        },
      ),
    )
    const next = (child: ChildProcess) =>
      new Promise<unknown>((resolve, reject) => {
        child.once('message', resolve)
        child.once('exit', (code) => reject(new Error(`a race process exited with ${code} before answering`)))
      })
    await Promise.all(children.map(next))
    const setup = createSqliteStore({ file })
    const user = await setup.createUser({ email: 'a@example.com', passwordHash: 'h', role: 'editor' })
    const flow = await setup.createFlow({ userId: user.id, all: false }, { document: flowDocument('raced') })
    setup.close()
    const results = children.map((child) => next(child) as Promise<{ won: string[]; versions: number[] }>)
    for (const child of children) child.send({ flowId: flow.id, userId: user.id })
    const settled = await Promise.all(results)
    const won = settled.flatMap((r) => r.won)
    expect(won).toHaveLength(rounds)
    expect(new Set(won).size).toBe(rounds)
    const versions = settled.flatMap((r) => r.versions).sort((x, y) => x - y)
    expect(versions).toEqual(Array.from({ length: children.length * rounds }, (_, i) => i + 1))
  })
})

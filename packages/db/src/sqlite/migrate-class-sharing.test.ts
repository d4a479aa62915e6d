import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from './create-sqlite-store.ts'

const dir = mkdtempSync(join(tmpdir(), 'zhiliu-migrate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A database as the release before 0009 left it: every migration up to 0008 applied, with foreign keys on. */
function databaseBefore0009(file: string) {
  const folder = join(dir, 'migrations')
  cpSync(fileURLToPath(new URL('../../migrations/sqlite', import.meta.url)), folder, { recursive: true })
  const journalFile = join(folder, 'meta/_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
  journal.entries = journal.entries.filter((e) => e.tag < '0009')
  writeFileSync(journalFile, JSON.stringify(journal))
  const client = new Database(file)
  client.pragma('foreign_keys = ON')
  migrate(drizzle({ client }), { migrationsFolder: folder })
  return client
}

describe('migration 0009 (class sharing) on an existing SQLite database', () => {
  it('rebuilds users for the student role without losing sessions, tokens or flows that point at them', async () => {
    const file = join(dir, 'old.db')
    const old = databaseBefore0009(file)
    old.exec(`
      insert into users (id, email, password_hash, role, created_at) values ('u1', 'a@example.com', 'h', 'owner', 1);
      insert into sessions (id, user_id, expires_at, created_at) values ('s1', 'u1', 9999999999999, 1);
      insert into api_tokens (id, user_id, name, token_hash, created_at) values ('t1', 'u1', 'ci', 'th', 1);
      insert into flows (id, owner_id, name, document, created_at, updated_at)
        values ('f1', 'u1', 'f', '{"schemaVersion":1,"name":"f","nodes":[],"edges":[],"settings":{"concurrency":8}}', 1, 1);
    `)
    old.close()

    const store = createSqliteStore({ file })
    try {
      expect(await store.getUser('u1')).toMatchObject({ email: 'a@example.com', name: null, role: 'owner' })
      expect((await store.findSession('s1', 0))?.user.id).toBe('u1')
      expect((await store.findTokenByHash('th', 0))?.user.id).toBe('u1')
      expect((await store.getFlow({ userId: 'u1', all: false }, 'f1'))?.name).toBe('f')
      const [student] = await store.createUsers([
        { email: 'student1', name: '张伟', passwordHash: 'h', role: 'student' },
      ])
      expect(student?.role).toBe('student')
      // Foreign keys are back on after migrating: a session for nobody is refused.
      await expect(store.createSession({ id: 's2', userId: 'nobody', expiresAt: 1 })).rejects.toThrow(
        /FOREIGN KEY/,
      )
    } finally {
      store.close()
    }
  })
})

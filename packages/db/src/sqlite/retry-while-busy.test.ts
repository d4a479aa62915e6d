import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { StoreError } from '../store-error.ts'
import { createSqliteStore } from './create-sqlite-store.ts'

// Each connection holds its own locks, so a second connection in this process locks the store out exactly as
// another process would (tests/server/sqlite-lock.test.ts does it with two processes and the event loop in view).
const dir = mkdtempSync(join(tmpdir(), 'zhiliu-busy-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function lockedStore(name: string, maxWaitMs: number) {
  const file = join(dir, `${name}.db`)
  const store = createSqliteStore({ file, busyRetry: { maxWaitMs, firstDelayMs: 1, maxDelayMs: 20 } })
  const other = new Database(file)
  other.exec('BEGIN IMMEDIATE')
  return { store, other }
}

describe('the SQLite store while another connection holds the write lock', () => {
  it('waits without blocking, and writes once the lock is released', async () => {
    const { store, other } = lockedStore('waits', 10_000)
    let stored = false
    const write = store
      .createUser({ email: 'a@example.com', passwordHash: 'h', role: 'editor' })
      .then((user) => {
        stored = true
        return user
      })
    // The event loop runs timers meanwhile: the write has to wait for the other connection, not stall everything.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(stored).toBe(false)
    other.exec('ROLLBACK')
    const user = await write
    expect(await store.findUserByEmail('a@example.com')).toMatchObject({ id: user.id })
    other.close()
    store.close()
  })

  it('fails with StoreError BUSY once the lock is held past the bound, and writes again after', async () => {
    const { store, other } = lockedStore('bound', 200)
    const write = store.createUser({ email: 'b@example.com', passwordHash: 'h', role: 'editor' })
    await expect(write).rejects.toBeInstanceOf(StoreError)
    await expect(write).rejects.toMatchObject({ code: 'BUSY' })
    other.exec('ROLLBACK')
    await expect(
      store.createUser({ email: 'b@example.com', passwordHash: 'h', role: 'editor' }),
    ).resolves.toBeTruthy()
    other.close()
    store.close()
  })
})

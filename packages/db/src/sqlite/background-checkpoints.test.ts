import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startBackgroundCheckpoints } from './background-checkpoints.ts'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function walDatabase() {
  const folder = mkdtempSync(join(tmpdir(), 'zhiliu-checkpoints-'))
  folders.push(folder)
  const file = join(folder, 'data.db')
  const client = new Database(file)
  client.pragma('journal_mode = WAL')
  client.exec('create table t (id integer primary key, v text not null)')
  return { client, file }
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('background checkpoints', () => {
  it('copies committed pages into the database file while the writing connection never checkpoints', async () => {
    const { client, file } = walDatabase()
    const checkpoints = startBackgroundCheckpoints(client, file)
    expect(client.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    const before = statSync(file).size
    const insert = client.prepare('insert into t (v) values (?)')
    // Well past SQLite's 1,000-page autocheckpoint, in many small commits as the group commit makes them.
    for (let batch = 0; batch < 200; batch++) {
      client.transaction(() => {
        for (let i = 0; i < 50; i++) insert.run('x'.repeat(400))
      })()
    }
    await until(() => statSync(file).size > before + 2_000_000)
    checkpoints.stop()
    client.close()
    // The last connection closed cleanly: everything is in the file and the WAL is gone.
    expect(existsSync(`${file}-wal`)).toBe(false)
    const reader = new Database(file, { readonly: true })
    expect(reader.prepare('select count(*) as n from t').get()).toEqual({ n: 10_000 })
    reader.close()
  })

  it('closes its own connection when stopped before it even started, so the database still closes cleanly', () => {
    const { client, file } = walDatabase()
    startBackgroundCheckpoints(client, file).stop()
    client.close()
    // Only the last connection to close removes the WAL: the worker's was closed first.
    expect(existsSync(`${file}-wal`)).toBe(false)
  })
})

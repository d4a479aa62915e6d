import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callServer, ownerBearer, type ServerProcess, startServerProcess } from './server-process.ts'

// Another process holding SQLite's write lock (a second server on the same file, a backup, `sqlite3` at a prompt)
// must make this server's writes wait, not the whole server: a synchronous busy wait would stop the event loop.

let dataDir: string
let server: ServerProcess
let bearer: Record<string, string>
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-sqlite-lock-'))
  server = await startServerProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
  bearer = await ownerBearer(server.url)
})
afterAll(async () => {
  await server?.stop('SIGKILL')
  await rm(dataDir, { recursive: true, force: true })
})

const ARTICLE = { title: 'locked out', author: 'Li', body: 'one two three' }

/** A request's outcome, and whether it has come yet, without awaiting it. */
function track<T>(pending: Promise<T>) {
  const state: { settled: boolean; result: Promise<T> } = { settled: false, result: pending }
  void pending.finally(() => {
    state.settled = true
  })
  return state
}

describe('a SQLite write lock held by another process', () => {
  it('makes writes wait while /healthz keeps answering, and lets them finish once it is released', async () => {
    const flow = JSON.parse(
      await readFile(new URL('../../examples/webhook-transform.json', import.meta.url), 'utf8'),
    )
    const created = await callServer(server.url, '/api/flows', { headers: bearer, body: flow })
    expect(created.status).toBe(201)
    const flowId = String(created.body.id)
    expect(
      (await callServer(server.url, `/api/flows/${flowId}/publish`, { headers: bearer, body: {} })).status,
    ).toBe(201)

    // This test process is the other process: it holds the write lock on the server's file.
    const other = new Database(join(dataDir, 'zhiliu.db'))
    let holding = true
    try {
      other.exec('BEGIN IMMEDIATE')
      const save = track(
        callServer(server.url, '/api/flows', { headers: bearer, body: { ...flow, name: 'saved' } }),
      )
      const run = track(callServer(server.url, `/hooks/${flowId}`, { body: ARTICLE }))
      await sleep(300) // both requests reach the store and find the database locked

      for (let i = 0; i < 3; i++) {
        const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2_000) })
        expect(health.status).toBe(200)
      }
      expect(save.settled).toBe(false)
      expect(run.settled).toBe(false)

      other.exec('ROLLBACK')
      holding = false
      const saved = await save.result
      expect(saved.status).toBe(201)
      const ran = await run.result
      expect(ran.status).toBe(200)
      expect(ran.body.title).toBe(ARTICLE.title.toUpperCase())
      // The reply comes at flow.respond; the run's end is written just after it.
      await expect
        .poll(async () => {
          const runs = await callServer(server.url, `/api/runs?flowId=${flowId}`, {
            method: 'GET',
            headers: bearer,
          })
          return runs.body.items
        })
        .toEqual([expect.objectContaining({ status: 'succeeded' })])
    } finally {
      if (holding) other.exec('ROLLBACK')
      other.close()
    }
  })
})

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callServer, ownerBearer, type ServerProcess, startServerProcess } from './server-process.ts'

// SQLite's max_page_count through the server's test hook: 4 KB pages, so the whole database holds ~2.4 MB, and the
// first start (migrations, the owner, the seeded examples) takes a part of it.
const MAX_PAGES = 450

let dataDir: string
let server: ServerProcess | undefined
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-full-'))
})
afterAll(async () => {
  await server?.stop('SIGKILL')
  await rm(dataDir, { recursive: true, force: true })
})

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a server whose database fills up', () => {
  it('answers webhooks 503 STORAGE_FULL (never 200 for a run it lost), is not ready, and recovers once space returns', async () => {
    server = await startServerProcess({ DATA_DIR: dataDir, ZHILIU_TEST_SQLITE_MAX_PAGES: String(MAX_PAGES) })
    const { url } = server
    const bearer = await ownerBearer(url)
    const example = JSON.parse(
      await readFile(new URL('../../examples/webhook-transform.json', import.meta.url), 'utf8'),
    )
    const flowId = String((await callServer(url, '/api/flows', { headers: bearer, body: example })).body.id)
    expect((await callServer(url, `/api/flows/${flowId}/publish`, { headers: bearer })).status).toBe(201)
    // ~2 KB of text, stored with the event and again in several nodes' inputs and outputs.
    const body = { title: 'filling', author: 'Li', body: 'word '.repeat(400) }
    const hook = () => callServer(url, `/hooks/${flowId}`, { body })

    const answered: { status: number; runId: string | null; code?: unknown; retryAfter: string | null }[] = []
    for (let refusals = 0; refusals < 5 && answered.length < 3_000; ) {
      // Four at a time, as concurrent callers would send them.
      const batch = await Promise.all([hook(), hook(), hook(), hook()])
      for (const res of batch) {
        const code = (res.body?.error as { code?: unknown } | undefined)?.code
        answered.push({
          status: res.status,
          runId: res.headers.get('x-zhiliu-run-id'),
          code,
          retryAfter: res.headers.get('retry-after'),
        })
        if (res.status !== 200) refusals++
      }
    }
    const statuses = new Set(answered.map((a) => a.status))
    expect([...statuses].sort()).toEqual([200, 503])
    for (const refused of answered.filter((a) => a.status === 503)) {
      expect(refused.code).toBe('STORAGE_FULL')
      expect(Number(refused.retryAfter)).toBeGreaterThan(0)
    }
    // Every caller answered 200 has its run in the history with the answer it got. A run answered just before the
    // database filled may have found no room for its end: it then ended STORAGE_FULL, with its answer stored.
    const served = answered.filter((a) => a.status === 200)
    expect(served.length).toBeGreaterThan(20)
    let endedFull = 0
    for (const { runId } of served) {
      const run = await callServer(url, `/api/runs/${runId}`, { method: 'GET', headers: bearer })
      expect(run.status).toBe(200)
      const reply = (run.body.nodes as { nodeId: string; status: string }[]).find((n) => n.nodeId === 'reply')
      expect(reply?.status).toBe('succeeded')
      if (run.body.status === 'succeeded') continue
      expect(run.body).toMatchObject({ status: 'failed', error: { code: 'STORAGE_FULL' } })
      endedFull++
    }

    const ready = await callServer(url, '/readyz', { method: 'GET' })
    expect(ready).toMatchObject({
      status: 503,
      body: { status: 'not_ready', checks: { database: 'ok', storage: 'unavailable (STORAGE_FULL)' } },
    })
    const metrics = await (await fetch(`${url}/metrics`)).text()
    expect(metrics).toMatch(/^zhiliu_storage_full 1$/m)
    // Measured by the clean-up every 5 s, so some time before now: a size, with the budget beside it.
    expect(Number(/^zhiliu_run_history_bytes (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0)
    expect(Number(/^zhiliu_run_history_budget_bytes (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0)
    const storage = await callServer(url, '/api/settings/run-storage', { method: 'GET', headers: bearer })
    expect(storage.body).toMatchObject({ full: true, runsPerDay: expect.any(Number) })
    expect(storage.body.runs).toBeGreaterThanOrEqual(served.length)

    // The owner frees space by lowering the budget: the clean-up deletes the oldest runs, a probe write then fits.
    const freedAt = Date.now()
    const lowered = await callServer(url, '/api/settings/run-storage', {
      method: 'PUT',
      headers: bearer,
      body: { maxBytes: 1024 ** 2 },
    })
    expect(lowered.status).toBe(200)
    let recovered: Awaited<ReturnType<typeof hook>> | undefined
    const afterwards: number[] = []
    while (!recovered && Date.now() - freedAt < 30_000) {
      const res = await hook()
      afterwards.push(res.status)
      if (res.status === 200) recovered = res
      else await pause(100)
    }
    const recoverMs = Date.now() - freedAt
    expect(afterwards.filter((status) => status !== 503)).toEqual([200])
    expect(recovered?.body).toMatchObject({ title: 'FILLING' })
    expect((await callServer(url, '/readyz', { method: 'GET' })).status).toBe(200)
    // Room came from the oldest runs, deleted for the budget.
    const pruned = await callServer(url, '/api/settings/run-storage', { method: 'GET', headers: bearer })
    expect(pruned.body).toMatchObject({ full: false })
    expect(pruned.body.runs).toBeLessThan(Number(storage.body.runs))
    console.info(
      `storage full: ${served.length} answered 200 (${endedFull} of them ended STORAGE_FULL after answering), then ${answered.length - served.length} answered 503; ${afterwards.length - 1} more 503 and the first 200 ${recoverMs} ms after the budget was lowered`,
    )
    await server.stop()
    server = undefined

    // Nothing stored was damaged: the file checks clean and the latest run served before the refusals is whole.
    const db = new Database(join(dataDir, 'zhiliu.db'), { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      const last = served.at(-1)?.runId
      expect(db.prepare('select status from runs where id = ?').get(last)).toEqual({ status: 'succeeded' })
    } finally {
      db.close()
    }
  }, 120_000)
})

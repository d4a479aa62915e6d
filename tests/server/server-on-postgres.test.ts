import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDatabase, type TestDatabase } from '@zhiliu/test-postgres'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServerProcess, startServerProcess } from './server-process.ts'

let dataDir: string
let database: TestDatabase
let server: ServerProcess | undefined
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-pg-process-'))
  database = await createTestDatabase()
})
afterAll(async () => {
  await server?.stop('SIGKILL')
  await database.drop()
  await rm(dataDir, { recursive: true, force: true })
})

async function call(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown },
) {
  const res = await fetch(`${server?.url}${path}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await res.text()
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : null) as Record<string, unknown>,
  }
}

describe('the server process on PostgreSQL (DATABASE_URL)', () => {
  it('creates, publishes and runs a flow by webhook, storing it all in the database and nothing in DATA_DIR', async () => {
    server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: database.url })
    expect(server.logs.some((l) => l.msg === 'storing in PostgreSQL')).toBe(true)
    const setup = await call('/api/setup', {
      body: { email: 'owner@example.com', password: 'owner-password-1' },
    })
    expect(setup.status).toBe(201)
    const cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? ''
    const token = await call('/api/tokens', { headers: { cookie }, body: { name: 'ci' } })
    const bearer = { authorization: `Bearer ${token.body.token}` }

    const example = JSON.parse(
      await readFile(new URL('../../examples/webhook-transform.json', import.meta.url), 'utf8'),
    )
    const created = await call('/api/flows', { headers: bearer, body: example })
    expect(created.status).toBe(201)
    const flowId = String(created.body.id)
    expect((await call(`/api/flows/${flowId}/publish`, { headers: bearer })).status).toBe(201)
    const hook = await call(`/hooks/${flowId}`, {
      body: { title: 'Dongguan opens an AI base', author: 'Li', body: 'one two three four' },
    })
    expect(hook.status).toBe(200)
    expect(hook.body).toMatchObject({ title: 'DONGGUAN OPENS AN AI BASE', words: 4 })
    const runId = hook.headers.get('x-zhiliu-run-id') ?? ''
    // The reply node answers before the run's last write lands.
    let status: unknown
    for (let i = 0; i < 100 && status !== 'succeeded'; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50))
      status = (await call(`/api/runs/${runId}`, { method: 'GET', headers: bearer })).body.status
    }
    expect(status).toBe('succeeded')

    // Read straight from PostgreSQL: the run, its node results and the published version are rows there.
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      const runs = await client.query('select status, flow_version from runs where id = $1', [runId])
      expect(runs.rows).toEqual([{ status: 'succeeded', flow_version: 1 }])
      const nodes = await client.query('select count(*)::int as n from node_results where run_id = $1', [
        runId,
      ])
      expect(nodes.rows[0].n).toBe(7)
    } finally {
      await client.end()
    }
    expect(existsSync(join(dataDir, 'zhiliu.db'))).toBe(false)
    expect(await server.stop('SIGTERM')).toBe(0)
  }, 60_000)
})

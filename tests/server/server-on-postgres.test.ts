import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unpackRunValues } from '@zhiliu/db'
import { createTestDatabase, type TestDatabase } from '@zhiliu/test-postgres'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callServer, type ServerProcess, startServerProcess } from './server-process.ts'

let dataDir: string
let database: TestDatabase
let server: ServerProcess | undefined
let bearer: Record<string, string> = {}
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-pg-process-'))
  database = await createTestDatabase()
})
afterAll(async () => {
  await server?.stop('SIGKILL')
  await database.drop()
  await rm(dataDir, { recursive: true, force: true })
})

const call = (path: string, init: Parameters<typeof callServer>[2]) =>
  callServer(server?.url ?? '', path, init)

/** Rows read straight from the test database, past the server. */
async function rowsInDatabase(text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    return (await client.query(text, values)).rows
  } finally {
    await client.end()
  }
}

/** The run as the API shows it, once `done` holds (or after ~10 s, whatever it is then). */
async function runOf(runId: string, done: (run: { status: string; nodes: { nodeId: string }[] }) => boolean) {
  let run = { status: '', nodes: [] as { nodeId: string }[] }
  for (let i = 0; i < 200; i++) {
    run = (await call(`/api/runs/${runId}`, { method: 'GET', headers: bearer })).body as typeof run
    if (done(run)) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return run
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
    bearer = { authorization: `Bearer ${token.body.token}` }

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
    expect((await runOf(runId, (r) => r.status === 'succeeded')).status).toBe('succeeded')

    // Read straight from PostgreSQL: the run, its node results (one record on its row) and the published version are there.
    expect(await rowsInDatabase('select status, flow_version from runs where id = $1', [runId])).toEqual([
      { status: 'succeeded', flow_version: 1 },
    ])
    // An ended run's record is packed with its event and output (see packages/db/src/packed-run.ts).
    const [row] = await rowsInDatabase('select results, packed from runs where id = $1', [runId])
    const results = row?.packed ? unpackRunValues(row.packed as Buffer).results : row?.results
    expect(Object.keys(results as object)).toHaveLength(7)
    expect(existsSync(join(dataDir, 'zhiliu.db'))).toBe(false)
    expect(await server.stop('SIGTERM')).toBe(0)
  }, 60_000)

  it('resumes, after a restart, a run the killed process left in the database', async () => {
    server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: database.url })
    const document = {
      schemaVersion: 1,
      name: 'slow',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', version: 1, config: { responseMode: 'async' } },
        { id: 'wait', type: 'util.delay', version: 1, config: { ms: 2_000 } },
      ],
      edges: [{ id: 'e1', source: 'hook', target: 'wait' }],
    }
    const flowId = String((await call('/api/flows', { headers: bearer, body: document })).body.id)
    expect((await call(`/api/flows/${flowId}/publish`, { headers: bearer })).status).toBe(201)
    const runId = String((await call(`/hooks/${flowId}`, { body: { n: 1 } })).body.runId)
    // Started (its results stay in memory until the run ends: nothing pure is written mid-run).
    await runOf(runId, (r) => r.status === 'running')
    await server.stop('SIGKILL')
    // Cut off mid-run: the database still says running, and only a restart can move it on.
    expect(await rowsInDatabase('select status from runs where id = $1', [runId])).toEqual([
      { status: 'running' },
    ])

    server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: database.url })
    const resumed = await runOf(runId, (r) => r.status !== 'running' && r.status !== 'queued')
    expect(resumed.status).toBe('succeeded')
    expect(resumed.nodes.map((n) => n.nodeId)).toEqual(['hook', 'wait'])
  }, 60_000)
})

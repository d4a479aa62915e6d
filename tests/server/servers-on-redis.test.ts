import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDatabase, type TestDatabase } from '@zhiliu/test-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readAllSse } from '../../apps/server/src/runs/read-sse.ts'
import { createTestRedis, TEST_REDIS_URL } from '../../apps/server/src/test-support/test-redis.ts'
import { type ServerProcess, startServerProcess } from './server-process.ts'

// Two `all` processes on one PostgreSQL database and one Redis, as behind a load balancer.
let database: TestDatabase
const redis = createTestRedis()
const dataDirs: string[] = []
let a: ServerProcess
let b: ServerProcess
let bearer: Record<string, string> = {}

async function startOne(): Promise<ServerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-redis-process-'))
  dataDirs.push(dataDir)
  return startServerProcess({
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    ZHILIU_REDIS_PREFIX: redis.prefix,
    ZHILIU_SECRET: 'one-secret-for-both-processes',
    LOG_LEVEL: 'warn',
  })
}

beforeAll(async () => {
  database = await createTestDatabase()
  ;[a, b] = await Promise.all([startOne(), startOne()])
  const setup = await call(a, '/api/setup', {
    body: { email: 'owner@example.com', password: 'owner-password-1' },
  })
  const cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? ''
  const token = await call(a, '/api/tokens', { headers: { cookie }, body: { name: 'ci' } })
  bearer = { authorization: `Bearer ${token.body.token}` }
}, 60_000)

afterAll(async () => {
  await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')])
  await redis.cleanup()
  await database?.drop()
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

async function call(
  server: ServerProcess,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown },
) {
  const res = await fetch(`${server.url}${path}`, {
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

/** A published flow: an async webhook, then `waitMs`, then a second, short step. */
async function publishedFlow(waitMs: number, hookConfig: Record<string, unknown> = {}): Promise<string> {
  const document = {
    schemaVersion: 1,
    name: `wait ${waitMs}`,
    nodes: [
      { id: 'hook', type: 'trigger.webhook', version: 1, config: { responseMode: 'async', ...hookConfig } },
      { id: 'wait', type: 'util.delay', version: 1, config: { ms: waitMs } },
      { id: 'after', type: 'util.delay', version: 1, config: { ms: 1 } },
    ],
    edges: [
      { id: 'e1', source: 'hook', target: 'wait' },
      { id: 'e2', source: 'wait', target: 'after' },
    ],
  }
  const flowId = String((await call(a, '/api/flows', { headers: bearer, body: document })).body.id)
  expect((await call(a, `/api/flows/${flowId}/publish`, { headers: bearer })).status).toBe(201)
  return flowId
}

type RunView = { status: string; nodes: { nodeId: string; status: string }[] }

async function runOn(
  server: ServerProcess,
  runId: string,
  done: (run: RunView) => boolean,
): Promise<RunView> {
  let run: RunView = { status: '', nodes: [] }
  for (let i = 0; i < 200 && !done(run); i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 25))
    run = (await call(server, `/api/runs/${runId}`, { method: 'GET', headers: bearer })).body as RunView
  }
  return run
}

describe('two server processes sharing PostgreSQL and Redis (REDIS_URL)', () => {
  it("streams to a subscriber on B a run that A executes, live, and ends the stream when A's run ends", async () => {
    const flowId = await publishedFlow(1_000)
    const runId = String((await call(a, `/hooks/${flowId}`, { body: {} })).body.runId)
    await runOn(a, runId, (r) => r.status === 'running')
    const res = await fetch(`${b.url}/api/runs/${runId}/events`, { headers: bearer })
    expect(res.status).toBe(200)
    // Without Redis, B replays what A stored so far and the stream never ends: this would time out.
    const events = await readAllSse(res)
    const finished = events
      .filter((e) => e.event === 'node.finished')
      .map((e) => JSON.parse(e.data).result.key)
    expect(finished).toEqual(['hook', 'wait', 'after'])
    expect(events.at(-1)?.event).toBe('run.finished')
    expect(JSON.parse(events.at(-1)?.data ?? '{}').outcome.status).toBe('succeeded')
  }, 30_000)

  it('stops, on a cancel sent to B, the run A executes: it ends cancelled and its later steps never run', async () => {
    const flowId = await publishedFlow(3_000)
    const runId = String((await call(a, `/hooks/${flowId}`, { body: {} })).body.runId)
    await runOn(a, runId, (r) => r.nodes.some((n) => n.nodeId === 'hook'))
    const cancel = await call(b, `/api/runs/${runId}/cancel`, { headers: bearer })
    expect(cancel.status).toBe(200)
    expect(cancel.body).toMatchObject({ status: 'cancelled' })
    // Aborted on A at once: its delay records how it ended well before the 3 s it would otherwise take.
    const run = await runOn(a, runId, (r) => r.nodes.some((n) => n.nodeId === 'wait'))
    expect(run.status).toBe('cancelled')
    expect(run.nodes.find((n) => n.nodeId === 'wait')?.status).not.toBe('succeeded')
    expect(run.nodes.map((n) => n.nodeId)).not.toContain('after')
  }, 30_000)

  it("holds a webhook's runs-per-minute limit across both processes", async () => {
    const flowId = await publishedFlow(1, { maxPerMinute: 3 })
    const answers: number[] = []
    for (const server of [a, b, a, b, a])
      answers.push((await call(server, `/hooks/${flowId}`, { body: {} })).status)
    expect(answers).toEqual([202, 202, 202, 429, 429])
  }, 30_000)
})

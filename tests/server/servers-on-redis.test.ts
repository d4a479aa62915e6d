import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDatabase, type TestDatabase } from '@zhiliu/test-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient } from '../../apps/server/src/mcp/mcp-test-kit.ts'
import { readAllSse } from '../../apps/server/src/runs/read-sse.ts'
import { signWebhook } from '../../apps/server/src/security/webhook-signature.ts'
import { createTestRedis, TEST_REDIS_URL } from '../../apps/server/src/test-support/test-redis.ts'
import { callServer, type ServerProcess, startServerProcess } from './server-process.ts'

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

const call = (server: ServerProcess, path: string, init: Parameters<typeof callServer>[2]) =>
  callServer(server.url, path, init)

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

/** Calls until `done` holds, for what another process learns over pub/sub a moment later (at most ~2 s). */
async function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await attempt()
  for (let i = 0; i < 80 && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 25))
    value = await attempt()
  }
  return value
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
  it('checks Redis as well as the database for /readyz', async () => {
    const ready = await call(b, '/readyz', { method: 'GET' })
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', storage: 'ok', redis: 'ok' } })
  })

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
    // Live from A through Redis. The trigger may have finished before B subscribed: a pure node's result is stored
    // at the run's next checkpoint or its end, not on its own (see docs/design.md, Execution).
    expect(finished.slice(-2)).toEqual(['wait', 'after'])
    expect(events.at(-1)?.event).toBe('run.finished')
    expect(JSON.parse(events.at(-1)?.data ?? '{}').outcome.status).toBe('succeeded')
    // Once ended, B reads every node's result from the shared store.
    const ended = await runOn(b, runId, (r) => r.status === 'succeeded')
    expect(ended.nodes.map((n) => n.nodeId).sort()).toEqual(['after', 'hook', 'wait'])
  }, 30_000)

  it('stops, on a cancel sent to B, the run A executes: it ends cancelled and its later steps never run', async () => {
    const flowId = await publishedFlow(3_000)
    const runId = String((await call(a, `/hooks/${flowId}`, { body: {} })).body.runId)
    await runOn(a, runId, (r) => r.status === 'running')
    const cancel = await call(b, `/api/runs/${runId}/cancel`, { headers: bearer })
    expect(cancel.status).toBe(200)
    expect(cancel.body).toMatchObject({ status: 'cancelled' })
    // Aborted on A at once: its delay records how it ended well before the 3 s it would otherwise take.
    const run = await runOn(a, runId, (r) => r.nodes.some((n) => n.nodeId === 'wait'))
    expect(run.status).toBe('cancelled')
    expect(run.nodes.find((n) => n.nodeId === 'wait')?.status).not.toBe('succeeded')
    expect(run.nodes.map((n) => n.nodeId)).not.toContain('after')
  }, 30_000)

  it('cancels, with its parent, the flow the parent calls inline: the child ends cancelled, not left running', async () => {
    const slow = await publishedFlow(20_000)
    const document = {
      schemaVersion: 1,
      name: 'calls slow',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', version: 1, config: { responseMode: 'async' } },
        { id: 'call', type: 'flow.call', version: 1, config: { flowId: slow } },
      ],
      edges: [{ id: 'e1', source: 'hook', target: 'call' }],
    }
    const flowId = String((await call(a, '/api/flows', { headers: bearer, body: document })).body.id)
    expect((await call(a, `/api/flows/${flowId}/publish`, { headers: bearer })).status).toBe(201)
    const runId = String((await call(a, `/hooks/${flowId}`, { body: {} })).body.runId)
    const child = async () =>
      (
        (await call(a, `/api/runs?parentRunId=${runId}`, { method: 'GET', headers: bearer })).body as {
          items: { id: string; status: string }[]
        }
      ).items[0]
    const running = await eventually(child, (c) => c?.status === 'running')
    expect(running?.status).toBe('running')
    // Whichever process executes the parent (and so the child, inline), the cancel reaches it through Redis.
    expect((await call(b, `/api/runs/${runId}/cancel`, { headers: bearer })).status).toBe(200)
    const ended = await runOn(b, running?.id ?? '', (r) =>
      ['succeeded', 'failed', 'cancelled'].includes(r.status),
    )
    expect(ended.status).toBe('cancelled')
    expect(ended.nodes.find((n) => n.nodeId === 'wait')?.status).not.toBe('succeeded')
  }, 30_000)

  it('serves /mcp from B for a flow published through A: the tool list and a call', async () => {
    const document = {
      schemaVersion: 1,
      name: '问候',
      settings: { mcpTool: true },
      nodes: [
        {
          id: 'hook',
          type: 'trigger.webhook',
          version: 1,
          config: { inputSchema: [{ name: 'name', type: 'string', required: true }] },
        },
        {
          id: 'greet',
          type: 'text.template',
          version: 1,
          config: { template: 'Hello {{ trigger.body.name }}' },
        },
      ],
      edges: [{ id: 'e1', source: 'hook', target: 'greet' }],
    }
    const flowId = String((await call(a, '/api/flows', { headers: bearer, body: document })).body.id)
    expect((await call(a, `/api/flows/${flowId}/publish`, { headers: bearer })).status).toBe(201)
    const client = await connectClient(`${b.url}/mcp`, { authorization: bearer.authorization ?? '' })
    try {
      const { tools } = await client.listTools()
      expect(tools.find((tool) => tool.title === '问候')).toMatchObject({
        name: `flow_${flowId}`,
        inputSchema: expect.objectContaining({ required: ['name'] }),
      })
      const result = await client.callTool({ name: `flow_${flowId}`, arguments: { name: 'Ada' } })
      expect(result.isError).toBeFalsy()
      expect(result.structuredContent).toEqual({ text: 'Hello Ada' })
    } finally {
      await client.close()
    }
  }, 30_000)

  it("holds a webhook's runs-per-minute limit across both processes", async () => {
    const flowId = await publishedFlow(1, { maxPerMinute: 3 })
    const answers: number[] = []
    for (const server of [a, b, a, b, a])
      answers.push((await call(server, `/hooks/${flowId}`, { body: {} })).status)
    expect(answers).toEqual([202, 202, 202, 429, 429])
  }, 30_000)

  it('applies a price set on A on B too, without a restart', async () => {
    const price = { model: 'deepseek-chat', cny: { input: 4, output: 16 } }
    expect((await call(a, '/api/model-prices', { method: 'PUT', headers: bearer, body: price })).status).toBe(
      200,
    )
    type Prices = { items: { model: string; custom: boolean; cny: unknown }[] }
    const onB = await eventually(
      async () => (await call(b, '/api/model-prices', { method: 'GET', headers: bearer })).body as Prices,
      (prices) => prices.items.some((p) => p.model === price.model && p.custom),
    )
    expect(onB.items.find((p) => p.model === price.model)).toMatchObject({ custom: true, cny: price.cny })
  }, 30_000)

  it('refuses on B a delivery A accepted, and verifies on B with the secret A just rotated', async () => {
    const flowId = await publishedFlow(1, { signing: true })
    const rotate = async () =>
      String((await call(a, `/api/flows/${flowId}/webhook-secret`, { headers: bearer })).body.secret)
    const deliver = async (server: ServerProcess, secret: string, id: string) => {
      const body = '{}'
      const headers = signWebhook({ secret, id, timestamp: Date.now() / 1000, body })
      const res = await fetch(`${server.url}/hooks/${flowId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      })
      return res.status
    }
    const first = await rotate()
    expect(await deliver(a, first, 'msg_1')).toBe(202)
    expect(await deliver(b, first, 'msg_1')).toBe(401)
    // B now holds the first secret in its cache.
    expect(await deliver(b, first, 'msg_2')).toBe(202)
    const second = await rotate()
    let n = 3
    expect(
      await eventually(
        () => deliver(b, second, `msg_${n++}`),
        (status) => status === 202,
      ),
    ).toBe(202)
    expect(await deliver(b, first, 'msg_old')).toBe(401)
  }, 30_000)
})

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeServer, startFakeServer } from '../../apps/server/src/outbound/start-fake-server.ts'
import { type ServerProcess, startServerProcess } from './server-process.ts'

let dataDir: string
let fake: FakeServer
let server: ServerProcess | undefined
let env: Record<string, string>
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-process-'))
  fake = await startFakeServer((_req, res) => {
    res.setHeader('content-type', 'application/json')
    res.end('{"ok":true}')
  })
  env = { DATA_DIR: dataDir, ZHILIU_ALLOW_HOSTS: `127.0.0.1:${fake.port}`, ZHILIU_SHUTDOWN_GRACE_MS: '300' }
})
afterAll(async () => {
  await server?.stop('SIGKILL')
  await fake.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function http(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
) {
  const res = await fetch(`${server?.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await res.text()
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : null) as Record<string, unknown>,
  }
}

/** A published flow: webhook (async) → GET the local fake through ctx.fetch → wait `ms`. */
function slowFlow(ms: number) {
  return {
    schemaVersion: 1,
    name: `slow ${ms}`,
    nodes: [
      { id: 'hook', type: 'trigger.webhook', version: 1, config: { responseMode: 'async' } },
      { id: 'fetch', type: 'http.request', version: 1, config: { url: `${fake.origin}/ping` } },
      { id: 'wait', type: 'util.delay', version: 1, config: { ms } },
    ],
    edges: [
      { id: 'e1', source: 'hook', target: 'fetch' },
      { id: 'e2', source: 'fetch', target: 'wait' },
    ],
  }
}

let bearer: Record<string, string>

async function publish(document: unknown): Promise<string> {
  const created = await http('POST', '/api/flows', { headers: bearer, body: document })
  expect(created.status).toBe(201)
  const id = String(created.body.id)
  expect((await http('POST', `/api/flows/${id}/publish`, { headers: bearer })).status).toBe(201)
  return id
}

async function runOf(runId: string) {
  return (await http('GET', `/api/runs/${runId}`, { headers: bearer })).body as {
    status: string
    error: { code: string } | null
    nodes: { nodeId: string; status: string }[]
  }
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('gave up waiting')
}

describe('the server process', () => {
  it('serves setup, tokens, flows, publishing, the webhook and the run over HTTP', async () => {
    server = await startServerProcess(env)
    // Besides the JSON logs, one plain line tells whoever started it where to go and how to stop.
    const started = server
    const said = await until(
      async () => started.stderr(),
      (text) => text.includes('Ctrl+C'),
    )
    expect(said).toContain(`open ${server.url} in a browser; Ctrl+C stops it`)
    expect(said).toContain(`在浏览器打开 ${server.url}`)
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: 'owner-password-1' }),
    })
    expect(setup.status).toBe(201)
    const cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? ''
    const token = await http('POST', '/api/tokens', { headers: { cookie }, body: { name: 'ci' } })
    bearer = { authorization: `Bearer ${token.body.token}` }

    const example = JSON.parse(
      await readFile(new URL('../../examples/webhook-transform.json', import.meta.url), 'utf8'),
    )
    const flowId = await publish(example)
    const call = await http('POST', `/hooks/${flowId}`, {
      body: { title: 'Dongguan opens an AI base', author: 'Li', body: 'one two three four' },
    })
    expect(call.status).toBe(200)
    expect(call.body).toMatchObject({ title: 'DONGGUAN OPENS AN AI BASE', author: 'Li', words: 4 })
    const runId = call.headers.get('x-zhiliu-run-id') ?? ''
    const run = await until(
      () => runOf(runId),
      (r) => r.status === 'succeeded',
    )
    expect(run.nodes.map((n) => n.nodeId)).toEqual([
      'hook',
      'clean',
      'stats',
      'headline',
      'summary',
      'slug',
      'reply',
    ])
    // The examples were seeded for the owner at setup, as drafts.
    const flows = await http('GET', '/api/flows', { headers: bearer })
    expect((flows.body.items as unknown[]).length).toBeGreaterThan(1)
  })

  // Three server processes start in this test; on a busy 2-core machine each start can take several seconds.
  it('leaves a run interrupted by SIGTERM failed with a reason, and resumes one cut off by a crash', async () => {
    const interrupted = await publish(slowFlow(60_000))
    const call = await http('POST', `/hooks/${interrupted}`, { body: { n: 1 } })
    expect(call.status).toBe(202)
    const slowRun = String(call.body.runId)
    await until(
      () => runOf(slowRun),
      (r) => r.nodes.some((n) => n.nodeId === 'fetch' && n.status === 'succeeded'),
    )
    expect(await server?.stop('SIGTERM')).toBe(0)

    server = await startServerProcess(env)
    const after = await runOf(slowRun)
    expect(after.status).toBe('failed')
    expect(after.error?.code).toBe('INTERRUPTED')

    const crashed = await publish(slowFlow(1_500))
    const second = String((await http('POST', `/hooks/${crashed}`, { body: { n: 2 } })).body.runId)
    await until(
      () => runOf(second),
      (r) => r.nodes.some((n) => n.nodeId === 'fetch'),
    )
    await server.stop('SIGKILL')
    server = await startServerProcess(env)
    const resumed = await until(
      () => runOf(second),
      (r) => r.status !== 'running' && r.status !== 'queued',
    )
    expect(resumed.status).toBe('succeeded')
    expect((await http('GET', '/api/runs?status=running', { headers: bearer })).body.items).toEqual([])
  }, 90_000)
})

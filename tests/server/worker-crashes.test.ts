import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unpackRunValues } from '@zhiliu/db'
import { type FakeBot, startFakeWecom } from '@zhiliu/fake-im'
import { createTestDatabase, type TestDatabase } from '@zhiliu/test-postgres'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callServer, ownerBearer, type ServerProcess, startServerProcess } from './server-process.ts'

// The fault test of queue mode: many webhook runs through one api process and several workers on PostgreSQL and
// Redis while a random worker is killed (SIGKILL) every 2–3 s and a new one started. Sends answer slowly, so kills
// land in the middle of sends: a keyed send (publish.webhook) must then arrive again under the same key and never
// under a second one; an unkeyed send (WeCom) must never be repeated without a person.
const REDIS_URL = process.env.ZHILIU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const prefix = `zhiliu-test-${randomBytes(4).toString('hex')}`
const WORKERS = 3
// Fewer on a machine too slow for the test's time limits: ZHILIU_CRASH_TEST_RUNS=300 (WeCom runs: a third).
const WEBHOOK_RUNS = Number(process.env.ZHILIU_CRASH_TEST_RUNS ?? 1000)
const WECOM_RUNS = Math.ceil(WEBHOOK_RUNS / 3)

let database: TestDatabase
let dataDir: string
let receiver: Server
let receiverUrl = ''
let wecom: FakeBot
/** What the receiver got: per `webhook-id` (publish.webhook's idempotency key), the run's number and how often. */
const deliveries = new Map<string, { n: number; count: number }>()
const processes: ServerProcess[] = []
let api: ServerProcess
let bearer: Record<string, string> = {}

const alive = (p: ServerProcess) => p.child.exitCode === null && p.child.signalCode === null
/** Set by afterAll: a kill loop of a test that timed out stops killing and starting workers. */
let stopped = false
/** Workers still starting: afterAll waits for them, so none outlives the file. */
const starting = new Set<Promise<ServerProcess>>()

function startWorker(): Promise<ServerProcess> {
  const worker = start('worker')
  starting.add(worker)
  const forget = () => starting.delete(worker)
  worker.then(forget, forget)
  return worker
}

async function start(role: 'api' | 'worker'): Promise<ServerProcess> {
  const server = await startServerProcess({
    ZHILIU_ROLE: role,
    DATA_DIR: join(dataDir, `${role}-${processes.length}`),
    DATABASE_URL: database.url,
    REDIS_URL,
    ZHILIU_REDIS_PREFIX: prefix,
    ZHILIU_SECRET: 'crash-test-master-key-0123456789',
    // Short enough that a killed worker's runs move on within seconds, long enough that a busy machine's renewals
    // keep up with 50 runs per worker.
    ZHILIU_RUN_LEASE_MS: '4000',
    ZHILIU_STALLED_INTERVAL_MS: '1000',
    // A run may lose several workers in a row here; BullMQ must not give its job up.
    ZHILIU_MAX_STALLED: '1000',
    ZHILIU_RUN_CONCURRENCY: '50',
    ZHILIU_ALLOW_HOSTS: `${new URL(receiverUrl).host},${new URL(wecom.url).host}`,
    LOG_LEVEL: 'error',
  })
  processes.push(server)
  return server
}

beforeAll(async () => {
  database = await createTestDatabase()
  dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-crash-'))
  wecom = await startFakeWecom()
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    req.on('end', () => {
      const id = String(req.headers['webhook-id'])
      const seen = deliveries.get(id) ?? { n: Number(JSON.parse(body).n), count: 0 }
      seen.count += 1
      deliveries.set(id, seen)
      // A slow answer keeps sends in flight, so the kills below land in them.
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), 150)
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/in`
  api = await start('api')
  bearer = await ownerBearer(api.url)
  await Promise.all(Array.from({ length: WORKERS }, startWorker))
}, 180_000)

afterAll(async () => {
  stopped = true
  await Promise.allSettled([...starting])
  await Promise.all(processes.map((p) => p.stop('SIGKILL')))
  await new Promise((resolve) => receiver.close(resolve))
  await wecom.close()
  await database.drop()
  await rm(dataDir, { recursive: true, force: true })
  const redis = new Redis(REDIS_URL)
  const keys = await redis.keys(`${prefix}:*`)
  if (keys.length > 0) await redis.del(...keys)
  redis.disconnect()
}, 120_000)

const call = (path: string, init: Parameters<typeof callServer>[2]) =>
  callServer(api.url, path, { ...init, headers: { ...bearer, ...init.headers } })

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    return (await client.query(sql, params)).rows as T[]
  } finally {
    await client.end()
  }
}

/** Runs of the flow by status. */
async function statuses(flowId: string): Promise<Record<string, number>> {
  const rows = await query<{ status: string; n: string }>(
    'select status, count(*) as n from runs where flow_id = $1 group by status',
    [flowId],
  )
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
}

/** Publishes a flow: webhook (async) → a short delay → the given send step, which posts `{ n }`. */
async function publishFlow(send: Record<string, unknown>): Promise<string> {
  const document = {
    schemaVersion: 1,
    name: `crash test ${send.type}`,
    nodes: [
      { id: 'hook', type: 'trigger.webhook', version: 1, config: { responseMode: 'async' } },
      { id: 'wait', type: 'util.delay', version: 1, config: { ms: 100 } },
      { id: 'send', version: 1, ...send },
    ],
    edges: [
      { id: 'e1', source: 'hook', target: 'wait' },
      { id: 'e2', source: 'wait', target: 'send' },
    ],
  }
  const flowId = String((await call('/api/flows', { body: document })).body.id)
  expect((await call(`/api/flows/${flowId}/publish`, {})).status).toBe(201)
  return flowId
}

/**
 * Calls the webhook `count` times, 25 at once; each call is answered 202 with its run id. A call whose connection
 * broke is made again with the same Idempotency-Key, so it never starts a second run.
 */
async function fire(flowId: string, count: number): Promise<void> {
  let next = 0
  const hook = async (n: number, attempt = 1): Promise<number> => {
    const headers = { 'idempotency-key': `${flowId}-${n}` }
    try {
      return (await call(`/hooks/${flowId}`, { body: { n }, headers })).status
    } catch (error) {
      if (attempt >= 3) throw error
      return hook(n, attempt + 1)
    }
  }
  const caller = async () => {
    while (next < count) expect(await hook(next++)).toBe(202)
  }
  await Promise.all(Array.from({ length: 25 }, caller))
}

/**
 * Every 2–3 s kills a random worker with SIGKILL and starts a new one, until `done` says so; resolves with the
 * number of kills once the last replacement is up. A kill waits for the previous replacement to be ready (on a busy
 * machine a worker takes longer than 3 s to start), so WORKERS − 1 workers are up at any time and runs move on.
 */
async function killWorkersUntil(done: () => Promise<boolean>): Promise<number> {
  let kills = 0
  const deadline = Date.now() + 150_000
  while (!stopped && !(await done()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2000 + Math.random() * 1000))
    const workers = processes.filter((p) => p !== api && alive(p))
    if (stopped || workers.length < WORKERS) continue
    const victim = (await workerInSend(workers)) ?? workers[Math.floor(Math.random() * workers.length)]
    await (victim as ServerProcess).stop('SIGKILL')
    kills++
    void startWorker()
  }
  await Promise.all([...starting])
  return kills
}

/** A worker holding a run whose send is in flight right now, if any: killing it cuts that send off. */
async function workerInSend(workers: ServerProcess[]): Promise<ServerProcess | undefined> {
  const rows = await query<{ worker_id: string }>(
    `select r.worker_id from runs r cross join lateral json_each(r.results) as n
     where n.value ->> 's' = 'sending' and r.status = 'running' and r.lease_until > $1 limit 20`,
    [Date.now()],
  )
  const holders = new Set(rows.map((r) => r.worker_id.split('-')[1]))
  return workers.find((w) => holders.has(String(w.child.pid)))
}

/** Resolves once no run of the flow is queued or running, or after the deadline. */
async function settled(flowId: string, expected: number): Promise<Record<string, number>> {
  const deadline = Date.now() + 180_000
  for (;;) {
    const counts = await statuses(flowId)
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    const open = (counts.queued ?? 0) + (counts.running ?? 0)
    if ((total === expected && open === 0) || Date.now() > deadline) return counts
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

describe('queue mode while workers are killed (kill -9 every 2–3 s)', () => {
  it(`finishes ${WEBHOOK_RUNS} webhook runs: none stuck, no delivery lost, none under a second key`, async () => {
    const flowId = await publishFlow({
      type: 'publish.webhook',
      config: { url: receiverUrl, body: { n: '{{ trigger.body.n }}' } },
    })
    const began = Date.now()
    let firing = true
    const firingDone = fire(flowId, WEBHOOK_RUNS).finally(() => {
      firing = false
    })
    const kills = killWorkersUntil(async () => {
      if (firing) return false
      const counts = await statuses(flowId)
      return (counts.queued ?? 0) + (counts.running ?? 0) === 0
    })
    await firingDone
    const killed = await kills
    const counts = await settled(flowId, WEBHOOK_RUNS)

    expect(killed).toBeGreaterThan(0)
    expect(counts).toEqual({ succeeded: WEBHOOK_RUNS })
    // Every run's send arrived, each run under exactly one key: the receiver, dropping repeats by key, saw each
    // run exactly once. A send cut off by a kill arrives again under its key (counted as a repeat, not a duplicate).
    const keysByRun = new Map<number, Set<string>>()
    for (const [id, { n }] of deliveries) keysByRun.set(n, (keysByRun.get(n) ?? new Set()).add(id))
    const lost = Array.from({ length: WEBHOOK_RUNS }, (_, n) => n).filter((n) => !keysByRun.has(n))
    const underTwoKeys = [...keysByRun.values()].filter((keys) => keys.size > 1).length
    const repeats = [...deliveries.values()].reduce((sum, d) => sum + d.count - 1, 0)
    console.info(
      `crash test: ${WEBHOOK_RUNS} webhook runs in ${(Date.now() - began) / 1000} s, ${killed} workers killed, ` +
        `${repeats} sends repeated under their key`,
    )
    expect({ lost: lost.length, underTwoKeys, keys: deliveries.size }).toEqual({
      lost: 0,
      underTwoKeys: 0,
      keys: WEBHOOK_RUNS,
    })
  }, 240_000)

  it(`never posts a WeCom message twice: ${WECOM_RUNS} runs; those cut off mid-send need attention`, async () => {
    // Every post is answered after 300 ms, so a kill finds posts in flight on the worker it hits.
    wecom.script(...Array.from({ length: WECOM_RUNS * 2 }, () => ({ kind: 'delay' as const, ms: 300 })))
    const credential = await call('/api/credentials', {
      body: { name: '崩溃测试群', type: 'wecom.bot', data: { webhookUrl: wecom.url } },
    })
    const flowId = await publishFlow({
      type: 'publish.wecom',
      config: { credential: credential.body.id, content: '{{ trigger.body.n }}' },
    })
    const began = Date.now()
    let firing = true
    const firingDone = fire(flowId, WECOM_RUNS).finally(() => {
      firing = false
    })
    const kills = killWorkersUntil(async () => {
      if (firing) return false
      const counts = await statuses(flowId)
      return (counts.queued ?? 0) + (counts.running ?? 0) === 0
    })
    await firingDone
    const killed = await kills
    const counts = await settled(flowId, WECOM_RUNS)

    const posted = new Map<number, number>()
    for (const body of wecom.delivered) {
      const n = Number((body as { text: { content: string } }).text.content)
      posted.set(n, (posted.get(n) ?? 0) + 1)
    }
    type Row = {
      event: unknown
      packed: Buffer | null
      status: string
      error: { code: string; nodeId: string } | null
    }
    // An ended run's event is packed (see packages/db/src/packed-run.ts); a held one's is plain.
    const rows = (
      await query<Row>('select event, packed, status, error from runs where flow_id = $1', [flowId])
    ).map(({ event, packed, ...row }) => {
      const stored = (packed ? unpackRunValues(packed).event : event) as { body: { n: unknown } }
      return { ...row, n: Number(stored.body.n) }
    })
    console.info(
      `crash test: ${WECOM_RUNS} WeCom runs in ${(Date.now() - began) / 1000} s, ${killed} workers killed, ` +
        `${counts.needs_attention ?? 0} need attention`,
    )
    expect(killed).toBeGreaterThan(0)
    expect((counts.succeeded ?? 0) + (counts.needs_attention ?? 0)).toBe(WECOM_RUNS)
    expect(counts.needs_attention ?? 0).toBeGreaterThan(0)
    expect([...posted.values()].filter((times) => times > 1)).toEqual([])
    for (const row of rows) {
      // A succeeded run posted exactly once; a held one at most once (the kill may have come before or after the
      // post left), and it names its send step.
      if (row.status === 'succeeded') expect(posted.get(row.n)).toBe(1)
      else expect(row.error).toMatchObject({ code: 'SEND_UNCONFIRMED', nodeId: 'send' })
    }
  }, 240_000)
})

/**
 * Queue mode's cost against one process, on the same trivial flow (an async webhook and one transform node) and the
 * same PostgreSQL: enqueue→start latency (the run's registration to its first node starting, both stamped by the
 * processes' clocks on this machine), runs/s from the first request to the last run ended, and per run the
 * PostgreSQL transactions and rows written (pg_stat deltas). `all`: one process, no Redis; `queue`: one `api` and
 * one `worker` process with Redis. `npm run bench queue -- --runs=300`.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDatabase, type TestDatabase } from '@zhiliu/test-postgres'
import { Redis } from 'ioredis'
import { ownerBearer, type ServerProcess, startServerProcess } from '../tests/server/server-process.ts'
import { sql, waitEnded } from './bench-db.ts'

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 300)
const IN_FLIGHT = 20
const REDIS_URL = process.env.ZHILIU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

const FLOW = {
  schemaVersion: 1,
  name: 'trivial',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', version: 1, config: { responseMode: 'async' } },
    { id: 'shape', type: 'data.transform', version: 1, config: { expression: '{"n": trigger.body.n}' } },
  ],
  edges: [{ id: 'e1', source: 'hook', target: 'shape' }],
}

async function writeCounters(db: TestDatabase) {
  // The statistics collector publishes with a delay; the pause lets the last commits show.
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  const [row] = await sql<{ xacts: string; rows: string }>(
    db,
    `select (select xact_commit from pg_stat_database where datname = current_database()) as xacts,
            (select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) from pg_stat_user_tables) as rows`,
  )
  return { xacts: Number(row?.xacts), rows: Number(row?.rows) }
}

async function scenario(mode: 'all' | 'queue'): Promise<string> {
  const db = await createTestDatabase()
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-bench-queue-'))
  const prefix = `zhiliu-bench-${randomBytes(4).toString('hex')}`
  const env = {
    DATABASE_URL: db.url,
    LOG_LEVEL: 'warn',
    ...(mode === 'queue'
      ? { REDIS_URL, ZHILIU_REDIS_PREFIX: prefix, ZHILIU_SECRET: 'bench-master-key-0123456789abcdef' }
      : {}),
  }
  const processes: ServerProcess[] = []
  try {
    const front = await startServerProcess({
      ...env,
      DATA_DIR: join(dataDir, 'a'),
      ZHILIU_ROLE: mode === 'all' ? 'all' : 'api',
    })
    processes.push(front)
    if (mode === 'queue')
      processes.push(
        await startServerProcess({ ...env, DATA_DIR: join(dataDir, 'w'), ZHILIU_ROLE: 'worker' }),
      )
    const bearer = await ownerBearer(front.url)
    const headers = { 'content-type': 'application/json', ...bearer }
    const flow = (await (
      await fetch(`${front.url}/api/flows`, { method: 'POST', headers, body: JSON.stringify(FLOW) })
    ).json()) as { id: string }
    await fetch(`${front.url}/api/flows/${flow.id}/publish`, { method: 'POST', headers })
    const post = (n: number) =>
      fetch(`${front.url}/hooks/${flow.id}`, { method: 'POST', headers, body: JSON.stringify({ n }) }).then(
        (r) => r.text(),
      )
    for (let i = 0; i < 20; i++) await post(-1) // warm-up: JIT, caches, connections
    await waitEnded(db, 20, 20)
    const before = await writeCounters(db)

    const started = performance.now()
    let next = 0
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < RUNS) await post(next++)
      }),
    )
    await waitEnded(db, RUNS + 20, 20)
    const seconds = (performance.now() - started) / 1000
    const after = await writeCounters(db)
    const latencies = (
      await sql<{ ms: string }>(
        db,
        `select (select min((n.value ->> 't')::bigint) from json_each(r.results) n) as ms
         from runs r where (r.event -> 'body' ->> 'n')::int >= 0 order by ms`,
      )
    ).map((r) => Number(r.ms))
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
    const failed = (
      await sql<{ n: number }>(db, `select count(*)::int as n from runs where status <> 'succeeded'`)
    )[0]?.n
    return `${mode.padEnd(6)} ${(RUNS / seconds).toFixed(0).padStart(5)} runs/s   enqueue→start p50 ${at(0.5)} ms  p99 ${at(0.99)} ms   per run: ${((after.xacts - before.xacts) / RUNS).toFixed(1)} PG transactions, ${((after.rows - before.rows) / RUNS).toFixed(1)} rows written${failed ? `   (${failed} not succeeded)` : ''}`
  } finally {
    await Promise.all(processes.map((p) => p.stop('SIGTERM')))
    await db.drop()
    await rm(dataDir, { recursive: true, force: true })
    if (mode === 'queue') {
      const redis = new Redis(REDIS_URL)
      const keys = await redis.keys(`${prefix}:*`)
      if (keys.length > 0) await redis.del(...keys)
      redis.disconnect()
    }
  }
}

export async function benchQueue(): Promise<string[]> {
  return [
    `${RUNS} async webhook runs (webhook + 1 transform), ${IN_FLIGHT} requests in flight, PostgreSQL on this machine`,
    await scenario('all'),
    await scenario('queue'),
  ]
}

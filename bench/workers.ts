/**
 * Queue mode's scaling: runs/s with 1 and 2 worker processes (each `ZHILIU_RUN_CONCURRENCY=10`) behind one `api`
 * process, for an I/O-bound flow (an HTTP call to a local server that answers after 200 ms) and a CPU-bound one (a
 * JSONata transform of ~1,000 steps), and per run what the store and the queue cost: PostgreSQL transactions (every
 * statement outside a transaction counts, reads too) and rows written (pg_stat deltas on a database of its own), and
 * Redis commands (INFO commandstats on a redis-server of its own, so colleagues' tests do not count), and the CPU
 * time the api process, the workers and Redis spent per run (/proc and INFO cpu: steadier than runs/s on a shared
 * machine, and what capacity on paper is computed from). The requests come from this process; the servers, the slow
 * HTTP server and Redis are processes of their own.
 * `npm run bench -- workers --runs=300 --repeat=2` (`--kinds=cpu` for one flow only); docs/scale-out.md reads the figures.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createTestDatabase, type TestDatabase } from '@zhiliu/test-postgres'
import { Redis } from 'ioredis'
import { ownerBearer, type ServerProcess, startServerProcess } from '../tests/server/server-process.ts'
import { queriesSent, sql, waitEnded } from './bench-db.ts'

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback)
const RUNS = arg('runs', 300)
const REPEAT = arg('repeat', 1)
// The cpu flow's JSONata steps: 5,000 is ~20 ms of CPU on an idle core. JSONata's 1 s limit is wall-clock time, so on a
// starved machine fewer steps keep the runs from failing on it.
const STEPS = arg('steps', 5000)
const KINDS = (process.argv.find((a) => a.startsWith('--kinds='))?.slice(8) ?? 'io,cpu').split(',')
const IN_FLIGHT = 20
const CONCURRENCY = 10
// An idle backend publishes its statistics within 10 s (PGSTAT_IDLE_INTERVAL): wait that out before reading them.
const PG_STATS_SETTLE_MS = 11_000

type Kind = 'io' | 'cpu'

function flowOf(kind: Kind, slowUrl: string) {
  const work =
    kind === 'io'
      ? { id: 'work', type: 'http.request', version: 1, config: { url: slowUrl, method: 'GET' } }
      : {
          id: 'work',
          type: 'data.transform',
          version: 1,
          config: { expression: `$sum([1..${STEPS}].($ * $ % 7)) + trigger.body.n` },
        }
  return {
    schemaVersion: 1,
    name: `bench ${kind}`,
    nodes: [{ id: 'hook', type: 'trigger.webhook', version: 1, config: { responseMode: 'async' } }, work],
    edges: [{ id: 'e1', source: 'hook', target: 'work' }],
  }
}

/** A child process that prints one line when it is ready; resolves with that line. */
async function startChild(command: string, args: string[], ready: (line: string) => boolean) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${command} exited (${code})`)))
    createInterface({ input: child.stdout }).on('line', (l) => ready(l) && resolve(l))
  })
  return { line, stop: () => child.kill('SIGTERM') }
}

const SLOW_SERVER = `require('node:http').createServer((req, res) => setTimeout(() =>
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), 200))
  .listen(0, '127.0.0.1', function () { console.log(this.address().port) })`

async function pgCounters(db: TestDatabase) {
  await new Promise((resolve) => setTimeout(resolve, PG_STATS_SETTLE_MS))
  const [row] = await sql<{ xacts: string }>(
    db,
    `select xact_commit as xacts from pg_stat_database where datname = current_database()`,
  )
  const tables = await sql<{ name: string; rows: string }>(
    db,
    `select relname as name, n_tup_ins + n_tup_upd + n_tup_del as rows from pg_stat_user_tables`,
  )
  // This benchmark's own queries (polling for the end, reading these counters) are not the server's.
  return {
    xacts: Number(row?.xacts) - queriesSent(),
    tables: new Map(tables.map((t): [string, number] => [t.name, Number(t.rows)])),
  }
}

/** What changed between two readings of name → count, largest first. */
function deltas(before: Map<string, number>, after: Map<string, number>): [string, number][] {
  return [...after]
    .map(([name, n]): [string, number] => [name, n - (before.get(name) ?? 0)])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
}

/** Commands by name, INFO and CLIENT (this benchmark's) left out. */
async function redisCommands(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info('commandstats')
  const calls = new Map<string, number>()
  for (const [, name, n] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (name && !['info', 'client|setname', 'client|list'].includes(name)) calls.set(name, Number(n))
  }
  return calls
}

// sysconf(_SC_CLK_TCK): 100 on every Linux this runs on.
const CLOCK_TICKS = 100

/** CPU seconds a process used so far (user + system, all its threads: the expression pool's too). */
async function cpuSeconds(pid: number | undefined): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
}
async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu')
  const read = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0)
  return read('used_cpu_user') + read('used_cpu_sys')
}

/** CPU seconds of each PostgreSQL backend connected to the database (the server processes' pools), by pid. */
async function pgBackendCpu(db: TestDatabase): Promise<Map<number, number>> {
  const rows = await sql<{ pid: number }>(
    db,
    `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  )
  const cpu = await Promise.all(rows.map((r) => cpuSeconds(r.pid).catch(() => 0)))
  return new Map(rows.map((r, i) => [r.pid, cpu[i] ?? 0]))
}

async function cpuNow(processes: ServerProcess[], redis: Redis, db: TestDatabase) {
  const [api, ...workers] = await Promise.all(processes.map((p) => cpuSeconds(p.child.pid)))
  return {
    api: api ?? 0,
    workers: workers.reduce((a, b) => a + b, 0),
    redis: await redisCpuSeconds(redis),
    backends: await pgBackendCpu(db),
  }
}

async function scenario(kind: Kind, workers: number, redisUrl: string, slowUrl: string): Promise<string> {
  const db = await createTestDatabase()
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-bench-workers-'))
  const prefix = `zhiliu-bench-${randomBytes(4).toString('hex')}`
  const redis = new Redis(redisUrl)
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    ZHILIU_REDIS_PREFIX: prefix,
    ZHILIU_SECRET: 'bench-master-key-0123456789abcdef',
    ZHILIU_ALLOW_HOSTS: new URL(slowUrl).host,
    ZHILIU_RUN_CONCURRENCY: String(CONCURRENCY),
    LOG_LEVEL: 'warn',
  }
  const processes: ServerProcess[] = []
  try {
    const api = await startServerProcess({ ...env, DATA_DIR: join(dataDir, 'api'), ZHILIU_ROLE: 'api' })
    processes.push(api)
    for (let i = 0; i < workers; i++) {
      processes.push(
        await startServerProcess({ ...env, DATA_DIR: join(dataDir, `w${i}`), ZHILIU_ROLE: 'worker' }),
      )
    }
    const headers = { 'content-type': 'application/json', ...(await ownerBearer(api.url)) }
    const created = await fetch(`${api.url}/api/flows`, {
      method: 'POST',
      headers,
      body: JSON.stringify(flowOf(kind, slowUrl)),
    })
    const flow = (await created.json()) as { id: string }
    await fetch(`${api.url}/api/flows/${flow.id}/publish`, { method: 'POST', headers })
    const post = (n: number) =>
      fetch(`${api.url}/hooks/${flow.id}`, { method: 'POST', headers, body: JSON.stringify({ n }) }).then(
        (r) => r.text(),
      )
    const warmup = 20
    await Promise.all(Array.from({ length: warmup }, () => post(-1))) // JIT, caches, connections
    await waitEnded(db, warmup, 100)
    const pgBefore = await pgCounters(db)
    const redisBefore = await redisCommands(redis)
    const cpuBefore = await cpuNow(processes, redis, db)

    const started = performance.now()
    let next = 0
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < RUNS) await post(next++)
      }),
    )
    await waitEnded(db, RUNS + warmup, 100)
    const seconds = (performance.now() - started) / 1000
    const redisAfter = await redisCommands(redis)
    const cpuAfter = await cpuNow(processes, redis, db)
    const pgAfter = await pgCounters(db)

    const sum = (pairs: [string, number][]) => pairs.reduce((total, [, n]) => total + n, 0)
    const perName = (pairs: [string, number][], count: number) =>
      pairs
        .slice(0, count)
        .map(([name, n]) => `${name} ${(n / RUNS).toFixed(1)}`)
        .join(', ')
    const redisDelta = deltas(redisBefore, redisAfter)
    const rowsDelta = deltas(pgBefore.tables, pgAfter.tables)
    const [failed] = await sql<{ n: number }>(
      db,
      `select count(*)::int as n from runs where status <> 'succeeded'`,
    )
    const perRun = (n: number) => (n / RUNS).toFixed(1).padStart(5)
    const ms = (seconds: number) => ((seconds * 1000) / RUNS).toFixed(1).padStart(5)
    const cpuMs = (role: 'api' | 'workers' | 'redis') => ms(cpuAfter[role] - cpuBefore[role])
    // A backend opened during the measurement counts from zero; one closed during it is lost (pools keep theirs).
    let pgCpu = 0
    for (const [pid, after] of cpuAfter.backends) pgCpu += after - (cpuBefore.backends.get(pid) ?? 0)
    return [
      `${kind.padEnd(3)} ${workers} worker${workers > 1 ? 's' : ' '}`,
      `${(RUNS / seconds).toFixed(1).padStart(6)} runs/s`,
      `PG ${perRun(pgAfter.xacts - pgBefore.xacts)} transactions ${perRun(sum(rowsDelta))} rows written (${perName(rowsDelta, 4)})`,
      `Redis ${perRun(sum(redisDelta))} commands (${perName(redisDelta, 5)})`,
      `CPU ms per run: api ${cpuMs('api')} workers ${cpuMs('workers')} redis ${cpuMs('redis')} postgres ${ms(pgCpu)}`,
      failed?.n ? `(${failed.n} not succeeded)` : '',
    ].join('   ')
  } finally {
    await Promise.all(processes.map((p) => p.stop('SIGTERM')))
    redis.disconnect()
    await db.drop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

export async function benchWorkers(): Promise<string[]> {
  const redisPort = 20_000 + Math.floor(Math.random() * 20_000)
  const redis = await startChild(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    (line) => line.includes('Ready to accept connections'),
  )
  const slow = await startChild(process.execPath, ['-e', SLOW_SERVER], (line) => /^\d+$/.test(line))
  const redisUrl = `redis://127.0.0.1:${redisPort}`
  const slowUrl = `http://127.0.0.1:${slow.line}/slow`
  const lines = [
    `${RUNS} async webhook runs per line, ${IN_FLIGHT} requests in flight, one api process, ZHILIU_RUN_CONCURRENCY=${CONCURRENCY} per worker; io: webhook + http.request answered after 200 ms; cpu: webhook + a ${STEPS}-step JSONata transform`,
  ]
  try {
    for (let round = 0; round < REPEAT; round++) {
      for (const kind of (['io', 'cpu'] as const).filter((k) => KINDS.includes(k))) {
        for (const workers of [1, 2]) lines.push(await scenario(kind, workers, redisUrl, slowUrl))
      }
    }
  } finally {
    slow.stop()
    redis.stop()
  }
  return lines
}

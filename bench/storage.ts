/**
 * `npm run bench -- storage`: bytes one stored run takes, per table and index, in SQLite and in PostgreSQL. A real
 * server process runs each flow N times through its webhook with the default history setting (every run kept);
 * the database is measured before and after, and the difference divided by N. SQLite: dbstat's page sizes (what the
 * file holds, free space in used pages included) after the server closed the file. PostgreSQL: relation sizes
 * (heap, TOAST, indexes; dead row versions included, as autovacuum may not have run yet), and again after VACUUM
 * FULL ("PG live": what the rows themselves take).
 *
 * Flows: `hook` (../shared/peer-bench: webhook → JSONata → template → JSONata → respond, ~300 B JSON in),
 * `chain100` (webhook → 100 JSONata steps → respond) and the `customer-reply` template (two AI nodes on the offline
 * demo model).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDatabase } from '@zhiliu/test-postgres'
import Database from 'better-sqlite3'
import pg from 'pg'
import { callServer, ownerBearer, startServerProcess } from '../tests/server/server-process.ts'

const BODY = JSON.parse(
  '{"title":"quarterly report on workflow engine throughput","author":"Ada Lovelace","counter":0,"id":"evt_01HZX3K9Q7","source":"peer-bench","priority":3,"tags":["alpha","beta","gamma","delta"],"description":"Synthetic webhook event used to compare workflow engine overhead; about three hundred bytes long."}',
) as Record<string, unknown>

const node = (id: string, type: string, config: unknown, x: number) => ({
  id,
  type,
  version: 1,
  name: id,
  position: { x, y: 100 },
  config,
})
const chain = (name: string, nodes: ReturnType<typeof node>[]) => ({
  schemaVersion: 1,
  name,
  nodes,
  edges: nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]?.id, target: n.id })),
})
const hookNode = () => node('hook', 'trigger.webhook', { responseMode: 'sync', timeoutMs: 10000 }, 0)

const hook = chain('bench hook', [
  hookNode(),
  node('upper', 'data.transform', { expression: '$uppercase(title)', data: '{{ trigger.body }}' }, 200),
  node(
    'summary',
    'text.template',
    { template: 'Summary: {{ nodes.upper.result }} by {{ trigger.body.author }}' },
    400,
  ),
  node('len', 'data.transform', { expression: '$length(text)', data: '{{ nodes.summary }}' }, 600),
  node(
    'reply',
    'flow.respond',
    {
      status: 200,
      body: {
        title: '{{ nodes.upper.result }}',
        summary: '{{ nodes.summary.text }}',
        summaryLength: '{{ nodes.len.result }}',
      },
    },
    800,
  ),
])

const chain100 = chain('bench chain100', [
  hookNode(),
  ...Array.from({ length: 100 }, (_, k) =>
    node(
      `c${k + 1}`,
      'data.transform',
      k === 0
        ? { expression: 'counter + 1', data: '{{ trigger.body }}' }
        : { expression: 'result + 1', data: `{{ nodes.c${k} }}` },
      (k + 1) * 150,
    ),
  ),
  node('reply', 'flow.respond', { status: 200, body: { counter: '{{ nodes.c100.result }}' } }, 15150),
])

interface Scenario {
  name: string
  flow: unknown
  body: unknown
  runs: number
}

async function scenarios(): Promise<Scenario[]> {
  const template = JSON.parse(
    await readFile(new URL('../templates/customer-reply.json', import.meta.url), 'utf8'),
  ) as { flow: unknown; sampleInput: unknown }
  return [
    { name: 'hook', flow: hook, body: BODY, runs: 400 },
    { name: 'chain100', flow: chain100, body: BODY, runs: 60 },
    { name: 'ai template (customer-reply)', flow: template.flow, body: template.sampleInput, runs: 60 },
  ]
}

type Sizes = Map<string, number>

interface StoreUnderTest {
  label: string
  env: Record<string, string>
  /** Called with the server stopped (SQLite) or running (PostgreSQL). */
  sizes(): Promise<Sizes>
  /** Whether `sizes` needs the server stopped first. */
  offline: boolean
  /** Average bytes of each column of the runs table, as stored (SQLite: the value's length; PG: pg_column_size). */
  columns(): Promise<Sizes>
  close(): Promise<void>
}

async function sqliteStore(): Promise<StoreUnderTest> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-bench-storage-'))
  return {
    label: 'SQLite',
    env: { DATA_DIR: dataDir },
    offline: true,
    async sizes() {
      const db = new Database(join(dataDir, 'zhiliu.db'), { readonly: true })
      try {
        const rows = db.prepare('select name, sum(pgsize) as bytes from dbstat group by name').all() as {
          name: string
          bytes: number
        }[]
        return new Map(rows.map((r) => [r.name, r.bytes]))
      } finally {
        db.close()
      }
    },
    async columns() {
      const db = new Database(join(dataDir, 'zhiliu.db'), { readonly: true })
      try {
        const names = (
          db.prepare('select name from pragma_table_info(?)').all('runs') as { name: string }[]
        ).map((c) => c.name)
        const avg = names.map((n) => `avg(coalesce(length(cast("${n}" as blob)), 0)) as "${n}"`).join(', ')
        return columnSizes(db.prepare(`select ${avg} from runs`).get() as Record<string, number>)
      } finally {
        db.close()
      }
    },
    close: () => rm(dataDir, { recursive: true, force: true }),
  }
}

function columnSizes(row: Record<string, number | string | null>): Sizes {
  return new Map(Object.entries(row).map(([name, bytes]) => [name, Number(bytes ?? 0)]))
}

/** `live`: VACUUM FULL before each measure, so dead row versions (each run's row is written three times) drop out. */
async function postgresStore(live = false): Promise<StoreUnderTest> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-bench-storage-pg-'))
  const database = await createTestDatabase()
  return {
    label: live ? 'PG live' : 'PostgreSQL',
    env: { DATA_DIR: dataDir, DATABASE_URL: database.url },
    offline: false,
    async sizes() {
      const client = new pg.Client({ connectionString: database.url })
      await client.connect()
      try {
        if (live) await client.query('vacuum full')
        // Each table's heap + TOAST, and each index on its own.
        const { rows } = await client.query<{ name: string; bytes: string }>(
          `select c.relname as name,
                  case when c.relkind = 'r' then pg_table_size(c.oid) else pg_relation_size(c.oid) end as bytes
             from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'i')`,
        )
        return new Map(rows.map((r) => [r.name, Number(r.bytes)]))
      } finally {
        await client.end()
      }
    },
    async columns() {
      const client = new pg.Client({ connectionString: database.url })
      await client.connect()
      try {
        const { rows: names } = await client.query<{ name: string }>(
          `select column_name as name from information_schema.columns where table_name = 'runs'`,
        )
        const avg = names
          .map((c) => `avg(coalesce(pg_column_size("${c.name}"), 0)) as "${c.name}"`)
          .join(', ')
        const { rows } = await client.query<Record<string, string>>(`select ${avg} from runs`)
        return columnSizes(rows[0] ?? {})
      } finally {
        await client.end()
      }
    },
    async close() {
      await database.drop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Runs one scenario on a fresh server and database; returns bytes per run by table or index (grown ones only). */
async function measureScenario(makeStore: () => Promise<StoreUnderTest>, scenario: Scenario) {
  const store = await makeStore()
  const env = { ...store.env, LOG_LEVEL: 'warn', ZHILIU_DEMO_PACE_MS: '0' }
  let server = await startServerProcess(env)
  try {
    const auth = await ownerBearer(server.url)
    const created = await callServer(server.url, '/api/flows', { headers: auth, body: scenario.flow })
    const flowId = created.body.id as string
    const published = await callServer(server.url, `/api/flows/${flowId}/publish`, { headers: auth })
    if (published.status >= 300) throw new Error(`publish answered ${published.status}`)
    const call = async () => {
      const res = await callServer(server.url, `/hooks/${flowId}`, { body: scenario.body })
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${JSON.stringify(res.body)}`)
    }
    await call()
    const restart = async () => {
      await server.stop('SIGTERM')
      server = await startServerProcess(env)
    }
    if (store.offline) await server.stop('SIGTERM')
    const before = await store.sizes()
    if (store.offline) server = await startServerProcess(env)
    for (let done = 0; done < scenario.runs; done += 10) {
      await Promise.all(Array.from({ length: Math.min(10, scenario.runs - done) }, call))
    }
    if (store.offline) await server.stop('SIGTERM')
    else await restart() // the same pause for both: every write is committed
    const after = await store.sizes()
    const columns = [...(await store.columns())]
      .map(([name, bytes]) => [name, Math.round(bytes)] as const)
      .filter(([, bytes]) => bytes > 0)
      .sort((a, b) => b[1] - a[1])
    const grown = [...after]
      .map(([name, bytes]) => [name, (bytes - (before.get(name) ?? 0)) / scenario.runs] as const)
      .filter(([, perRun]) => perRun > 0)
      .sort((a, b) => b[1] - a[1])
    return { label: store.label, grown, columns }
  } finally {
    await server.stop('SIGTERM')
    await store.close()
  }
}

/**
 * Each line is printed as soon as it is measured: on a loaded machine a later scenario may fail (a sync call timing
 * out) and the earlier figures must not be lost with it, so none are returned. `--scenario=<name prefix>` measures
 * only those (`npm run bench -- storage --scenario=hook`); `--columns` adds each column's average size in a row.
 */
export async function benchStorage(): Promise<string[]> {
  const only = process.argv.find((a) => a.startsWith('--scenario='))?.slice(11)
  const detail = process.argv.includes('--columns')
  for (const scenario of await scenarios()) {
    if (only && !scenario.name.startsWith(only)) continue
    for (const makeStore of [sqliteStore, () => postgresStore(), () => postgresStore(true)]) {
      const { label, grown, columns } = await measureScenario(makeStore, scenario)
      const total = grown.reduce((sum, [, perRun]) => sum + perRun, 0)
      const parts = grown.map(([name, perRun]) => `${name} ${Math.round(perRun)}`).join(', ')
      const line = `${scenario.name.padEnd(30)} ${label.padEnd(10)} ${Math.round(total).toString().padStart(7)} B/run  (${scenario.runs} runs; ${parts})`
      console.log(line)
      if (detail)
        console.log(`${''.padEnd(41)} an average row: ${columns.map(([n, b]) => `${n} ${b}`).join(', ')}`)
    }
  }
  return []
}

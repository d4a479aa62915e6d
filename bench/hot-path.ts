/**
 * The webhook hot path in process: the peer harness's scenarios (../shared/peer-bench/gen-zhiliu-flows.js: `chain0`
 * = webhook → reply, `hook` = webhook → JSONata → template → JSONata → reply, `chain100` = webhook → 100 JSONata
 * steps → reply) published on the server as `npm start` wires it (pooled expressions, SQLite in a temp DATA_DIR,
 * every run stored) and called through `app.request`, one request at a time. Reports CPU time per request (this
 * process's user + system time: it includes SQLite's and the expression workers' threads, not the HTTP parser's),
 * µs per node (`chain100` minus `chain0`, over 100 nodes), and the bytes allocated on V8's heap per request (from
 * the heap's size around each garbage collection, v8.GCProfiler). No req/s: the load generator would share the
 * process; ratios against peers come from the peer harness.
 * `npm run bench -- hot-path --requests=2000`; with --profile=<dir>, each scenario's measured requests are
 * also profiled (V8's sampling profiler, `<dir>/<scenario>.cpuprofile`, for bench/cpu-by-package.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GCProfiler, getHeapStatistics } from 'node:v8'
import type { FlowInput } from '@zhiliu/nodes'
import { createApp } from '../apps/server/src/create-app.ts'
import { createServerRuntime } from '../apps/server/src/create-server-runtime.ts'

const REQUESTS = Number(process.argv.find((a) => a.startsWith('--requests='))?.slice(11) ?? 1500)
/** `--history=failed` or `none`: the flows' run history setting (every run is kept by default). */
const HISTORY = process.argv.find((a) => a.startsWith('--history='))?.slice(10) as
  | 'failed'
  | 'none'
  | undefined
const BODY = JSON.stringify({
  title: 'quarterly report on workflow engine throughput',
  author: 'Ada Lovelace',
  counter: 0,
  id: 'evt_01HZX3K9Q7',
  source: 'peer-bench',
  priority: 3,
  tags: ['alpha', 'beta', 'gamma', 'delta'],
  description:
    'Synthetic webhook event used to compare workflow engine overhead; about three hundred bytes long.',
})

type NodeInput = FlowInput['nodes'][number]
const node = (id: string, type: string, config: Record<string, unknown>): NodeInput => ({
  id,
  type,
  version: 1,
  config,
})
const hookNode = () => node('hook', 'trigger.webhook', { responseMode: 'sync', timeoutMs: 10000 })
function chain(name: string, nodes: NodeInput[]): FlowInput {
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]?.id ?? '', target: n.id }))
  return { schemaVersion: 1, name, nodes, edges, ...(HISTORY ? { settings: { runHistory: HISTORY } } : {}) }
}

const scenarios: Record<string, FlowInput> = {
  chain0: chain('chain0', [
    hookNode(),
    node('reply', 'flow.respond', { status: 200, body: '{{ trigger.body }}' }),
  ]),
  hook: chain('hook', [
    hookNode(),
    node('upper', 'data.transform', { expression: '$uppercase(title)', data: '{{ trigger.body }}' }),
    node('summary', 'text.template', {
      template: 'Summary: {{ nodes.upper.result }} by {{ trigger.body.author }}',
    }),
    node('len', 'data.transform', { expression: '$length(text)', data: '{{ nodes.summary }}' }),
    node('reply', 'flow.respond', {
      status: 200,
      body: {
        title: '{{ nodes.upper.result }}',
        summary: '{{ nodes.summary.text }}',
        summaryLength: '{{ nodes.len.result }}',
      },
    }),
  ]),
  chain100: chain('chain100', [
    hookNode(),
    ...Array.from({ length: 100 }, (_, i) =>
      node(
        `c${i + 1}`,
        'data.transform',
        i === 0
          ? { expression: 'counter + 1', data: '{{ trigger.body }}' }
          : { expression: 'result + 1', data: `{{ nodes.c${i} }}` },
      ),
    ),
    node('reply', 'flow.respond', { status: 200, body: { counter: '{{ nodes.c100.result }}' } }),
  ]),
}

/** Bytes allocated on V8's heap while `task` ran: growth between collections plus what each collection found. */
async function allocatedBytes(task: () => Promise<void>): Promise<number> {
  const profiler = new GCProfiler()
  const startUsed = getHeapStatistics().used_heap_size
  profiler.start()
  await task()
  const endUsed = getHeapStatistics().used_heap_size
  const { statistics } = profiler.stop()
  let total = 0
  let last = startUsed
  for (const gc of statistics) {
    total += gc.beforeGC.heapStatistics.usedHeapSize - last
    last = gc.afterGC.heapStatistics.usedHeapSize
  }
  return total + endUsed - last
}

const PROFILE_DIR = process.argv.find((a) => a.startsWith('--profile='))?.slice(10)

async function profile(file: string, task: () => Promise<void>): Promise<void> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  await task()
  const { profile } = await session.post('Profiler.stop')
  await writeFile(file, JSON.stringify(profile))
  session.disconnect()
}

/** Where the bytes are allocated: V8's sampling heap profiler, keeping the samples of collected objects too. */
async function profileHeap(file: string, task: () => Promise<void>): Promise<void> {
  const session = new Session()
  session.connect()
  await session.post('HeapProfiler.enable')
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  })
  await task()
  const { profile } = await session.post('HeapProfiler.stopSampling')
  await writeFile(file, JSON.stringify(profile))
  session.disconnect()
}

function cpuUs(): number {
  const { user, system } = process.cpuUsage()
  return user + system
}

export async function benchHotPath(): Promise<string[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-bench-hot-'))
  const runtime = await createServerRuntime({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
  const app = createApp(runtime.deps)
  const json = { 'content-type': 'application/json' }
  const setup = await app.request('/api/setup', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password-1' }),
  })
  const cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? ''
  const lines: string[] = []
  const perRequest: Record<string, number> = {}
  const allocated: Record<string, number> = {}
  for (const [name, flow] of Object.entries(scenarios)) {
    const created = await app.request('/api/flows', {
      method: 'POST',
      headers: { ...json, cookie },
      body: JSON.stringify(flow),
    })
    const { id } = (await created.json()) as { id: string }
    await app.request(`/api/flows/${id}/publish`, {
      method: 'POST',
      headers: { ...json, cookie },
      body: '{}',
    })
    const call = async () => {
      const res = await app.request(`/hooks/${id}`, { method: 'POST', headers: json, body: BODY })
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${await res.text()}`)
      await res.arrayBuffer()
    }
    const many = async (n: number) => {
      for (let i = 0; i < n; i++) await call()
    }
    const requests = name === 'chain100' ? Math.ceil(REQUESTS / 5) : REQUESTS
    await many(Math.ceil(requests / 3)) // warm-up: JIT, caches
    const cpuStart = cpuUs()
    const bytes = await allocatedBytes(() => many(requests))
    const cpu = (cpuUs() - cpuStart) / requests
    if (PROFILE_DIR) {
      await profile(join(PROFILE_DIR, `${name}.cpuprofile`), () => many(requests))
      await profileHeap(join(PROFILE_DIR, `${name}.heapprofile`), () => many(requests))
    }
    perRequest[name] = cpu
    allocated[name] = bytes / requests
    lines.push(
      `hot-path  ${name.padEnd(9)} ${cpu.toFixed(0).padStart(6)} µs CPU/request  ${(bytes / requests / 1024).toFixed(1).padStart(7)} KiB allocated/request  (${requests} requests)`,
    )
  }
  const perNode = ((perRequest.chain100 ?? 0) - (perRequest.chain0 ?? 0)) / 100
  const bytesPerNode = ((allocated.chain100 ?? 0) - (allocated.chain0 ?? 0)) / 100
  lines.push(
    `hot-path  chain100 − chain0: ${perNode.toFixed(1)} µs CPU and ${(bytesPerNode / 1024).toFixed(2)} KiB allocated per JSONata node`,
  )
  await runtime.stop('bench done')
  await rm(dataDir, { recursive: true, force: true })
  return lines
}

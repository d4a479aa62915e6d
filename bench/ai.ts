/**
 * AI webhook load: N concurrent sync webhook → ai.chat → flow.respond runs against the fake OpenAI server (its own
 * process), which answers in about 500 ms: 300 ms to the first token, then streamed pieces. Reports end-to-end
 * latency, what Zhiliu adds over the model's own time, errors, server CPU per run and peak RSS — and the same waves
 * against a bare proxy (bare-ai-proxy.ts: Hono + one shared openai client, nothing else), the floor any server
 * reaches on this machine.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { startServerProcess } from '../tests/server/server-process.ts'

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 1000)

const flow = {
  schemaVersion: 1,
  name: 'AI bench',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', version: 1, config: { responseMode: 'sync', timeoutMs: 60_000 } },
    { id: 'ask', type: 'ai.chat', version: 1, config: { prompt: '请总结：{{ trigger.body.text }}' } },
    { id: 'reply', type: 'flow.respond', version: 1, config: { body: { text: '{{ nodes.ask.text }}' } } },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'ask' },
    { id: 'e2', source: 'ask', target: 'reply' },
  ],
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}

interface Wave {
  p50: number
  p99: number
  failed: number
  cpuPerRunMs: number
}

/** `n` requests at once to `url`; latency is measured per request, CPU from the serving process's counters. */
async function wave(url: string, pid: number, n: number): Promise<Wave> {
  const body = JSON.stringify({ text: '东莞松山湖科技周开幕，百余家企业展示人工智能应用。' })
  const latencies: number[] = []
  let failed = 0
  const cpu0 = cpuMs(pid)
  await Promise.all(
    Array.from({ length: n }, async () => {
      const t0 = performance.now()
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).catch(() => undefined)
      if (res?.status !== 200) failed++
      await res?.text()
      latencies.push(performance.now() - t0)
    }),
  )
  latencies.sort((a, b) => a - b)
  const at = (q: number) => Math.round(latencies[Math.min(n - 1, Math.floor(q * n))] ?? 0)
  return { p50: at(0.5), p99: at(0.99), failed, cpuPerRunMs: (cpuMs(pid) - cpu0) / n }
}

/** One run alone, a warm-up (JIT, caches, connections), then the load. */
async function measure(url: string, pid: number) {
  const solo = await wave(url, pid, 1)
  await wave(url, pid, 50)
  return { solo, load: await wave(url, pid, RUNS) }
}

const peakRssMb = (pid: number) =>
  Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024)

/** Starts one of the bench's helper scripts as its own process and waits for the URL it prints. */
async function startProcess(script: string, env: Record<string, string> = {}) {
  const file = fileURLToPath(new URL(script, import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  })
  const url = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => resolve(JSON.parse(line).url))
  })
  return { url, pid: child.pid as number, stop: () => child.kill('SIGTERM') }
}

export async function benchAi(): Promise<string[]> {
  const fake = await startProcess('./fake-model-process.ts')
  const modelEnv = {
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'sk-bench',
    ZHILIU_DEFAULT_MODEL: 'deepseek-chat',
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-bench-ai-'))
  const server = await startServerProcess({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...modelEnv,
    ZHILIU_RUN_CONCURRENCY: String(RUNS * 2),
  })
  const pid = server.child.pid as number
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
  const setup = await post('/api/setup', { email: 'bench@example.com', password: 'bench-password-1' })
  const cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? ''
  const { id } = (await (await post('/api/flows', flow, { cookie })).json()) as { id: string }
  await post(`/api/flows/${id}/publish`, {}, { cookie })

  const zhiliu = await measure(`${server.url}/hooks/${id}`, pid)
  const zhiliuRss = peakRssMb(pid)
  await server.stop('SIGTERM')
  await rm(dataDir, { recursive: true, force: true })

  const bare = await startProcess('./bare-ai-proxy.ts', modelEnv)
  const floor = await measure(`${bare.url}/hooks/bare`, bare.pid)
  bare.stop()
  fake.stop()

  const added = zhiliu.load.p99 - floor.load.p99
  return [
    `ai  one run alone: ${zhiliu.solo.p50} ms end to end (bare proxy ${floor.solo.p50} ms; the fake model takes ≈ 500 ms)`,
    `ai  ${RUNS} concurrent webhook → ai.chat → respond: p50 ${zhiliu.load.p50} ms, p99 ${zhiliu.load.p99} ms (target < 600 ms), ${zhiliu.load.failed} failed`,
    `ai  bare proxy, same ${RUNS}: p50 ${floor.load.p50} ms, p99 ${floor.load.p99} ms, ${floor.load.failed} failed → Zhiliu adds ${added} ms at p99 (target ≤ 100 ms)`,
    `ai  CPU per run: Zhiliu ${zhiliu.load.cpuPerRunMs.toFixed(2)} ms, bare proxy ${floor.load.cpuPerRunMs.toFixed(2)} ms; Zhiliu peak RSS ${zhiliuRss} MB (target < 400 MB)`,
  ]
}

/**
 * Webhook throughput: autocannon (50 connections) against the real server process calling
 * examples/webhook-transform.json — sync webhook, 5 transform nodes, flow.respond, every node result stored in
 * SQLite — and, in the same run, against a bare Hono app that parses the same JSON and answers. Both servers are
 * separate processes; the load generator runs here.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { startServerProcess } from '../tests/server/server-process.ts'
import { type LoadResult, load } from './load.ts'

// `npm run bench webhook -- --seconds=3` for a quick look; the published figure uses 10 s.
const SECONDS = Number(process.argv.find((a) => a.startsWith('--seconds='))?.slice(10) ?? 10)
const CONNECTIONS = 50
const ARTICLE = {
  title: 'Dongguan opens an AI base',
  author: 'Li',
  body: 'one two three four five six seven',
}

async function startBare() {
  const file = fileURLToPath(new URL('./bare-hono.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => resolve(JSON.parse(line).url))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

async function startZhiliu(dataDir: string) {
  // Request log lines are left out, as the bare app writes none; warnings and errors still print.
  const server = await startServerProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    return { res, json: (await res.json()) as Record<string, string> }
  }
  const setup = await post('/api/setup', { email: 'bench@example.com', password: 'bench-password-1' })
  const cookie = setup.res.headers.get('set-cookie')?.split(';')[0] ?? ''
  const example = JSON.parse(
    await readFile(new URL('../examples/webhook-transform.json', import.meta.url), 'utf8'),
  )
  const { json: created } = await post('/api/flows', example, { cookie })
  await post(`/api/flows/${created.id}/publish`, {}, { cookie })
  const check = await post(`/hooks/${created.id}`, ARTICLE)
  if (check.json.title !== ARTICLE.title.toUpperCase())
    throw new Error(`unexpected answer ${JSON.stringify(check.json)}`)
  return { url: `${server.url}/hooks/${created.id}`, stop: () => server.stop('SIGTERM') }
}

async function measureTarget(url: string): Promise<LoadResult> {
  await load(url, ARTICLE, { connections: CONNECTIONS, seconds: Math.min(2, SECONDS) }) // warm-up: JIT, caches
  return load(url, ARTICLE, { connections: CONNECTIONS, seconds: SECONDS })
}

function line(label: string, r: LoadResult): string {
  const failed = r.non2xx + r.errors + r.timeouts
  return `${label.padEnd(34)} ${Math.round(r.requests.average).toString().padStart(7)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms${failed ? `   (${failed} failed)` : ''}`
}

export async function benchWebhook(): Promise<string[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-bench-webhook-'))
  const bare = await startBare()
  const bareResult = await measureTarget(bare.url.concat('/hooks/bare'))
  bare.stop()
  const zhiliu = await startZhiliu(dataDir)
  const zhiliuResult = await measureTarget(zhiliu.url)
  await zhiliu.stop()
  await rm(dataDir, { recursive: true, force: true })
  const ratio = zhiliuResult.requests.average / bareResult.requests.average
  return [
    `${CONNECTIONS} connections, ${SECONDS} s each, POST ${JSON.stringify(ARTICLE).length} B JSON`,
    line('bare Hono (parse + answer)', bareResult),
    line('Zhiliu webhook (7 nodes, SQLite)', zhiliuResult),
    `ratio ${(ratio * 100).toFixed(1)}% of bare (target ≥ 50%), p99 ${zhiliuResult.latency.p99} ms (target < 50 ms)`,
  ]
}

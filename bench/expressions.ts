/**
 * Expressions off the event loop. First the cost of one evaluation of an ordinary data.transform expression three
 * ways: on the event loop, through the server's evaluator (event loop within a 5 ms budget, pool past it), and always
 * in a warm worker (compiled expression cached there), which is the design not taken. Then issue 12's scenario: 40
 * webhook calls of `$count([1..10000].([1..10000]))` at once against a real server process, with /healthz sampled
 * every 10 ms until the last call is answered, and the server's RSS before, at its peak and after.
 * Targets: /healthz p99 < 50 ms while the bombs run; RSS back within 20 % of its start.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { evaluateExpression } from '@zhiliu/nodes'
import { createExpressionPool } from '../apps/server/src/expressions/create-expression-pool.ts'
import { createPooledExpressions } from '../apps/server/src/expressions/create-pooled-expressions.ts'
import { fireBombs, startBombTarget } from '../tests/server/expression-bombs.ts'
import { measure } from './measure.ts'

const BOMBS = Number(process.argv.find((a) => a.startsWith('--bombs='))?.slice(8) ?? 40)
const ARTICLE = { title: 'Dongguan opens an AI base', author: 'Li', body: 'one two three four' }
const EXPRESSION = '$merge([$, { "title": $uppercase(title) }])'

async function roundTrips(): Promise<string[]> {
  const pool = createExpressionPool({ size: 1 })
  const pooled = createPooledExpressions(pool)
  const limits = { timeoutMs: 1000, limitCode: 'EXPRESSION_LIMIT' }
  const job = { kind: 'jsonata' as const, expression: EXPRESSION, input: ARTICLE, options: {} }
  const ways: Array<[string, () => Promise<unknown>]> = [
    ['on the event loop (before)', () => evaluateExpression(EXPRESSION, ARTICLE)],
    ['server evaluator (budget, then pool)', async () => pooled.evaluate(EXPRESSION, ARTICLE)],
    ['always in a warm worker', () => pool.run(job, limits)],
  ]
  const lines: string[] = []
  for (const [label, task] of ways) {
    const m = await measure(task, { warmup: 2000, iterations: 10_000 })
    lines.push(
      `expression  ${label.padEnd(38)} median ${m.medianUs.toFixed(1).padStart(6)} µs   p99 ${m.p99Us.toFixed(1).padStart(7)} µs`,
    )
  }
  await pool.close()
  return lines
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}

/** Sequential GET /healthz every 10 ms until `stop()` says so (or `count` samples); sorted latencies in ms. */
async function sampleHealth(
  url: string,
  stop: () => boolean,
  count = Number.POSITIVE_INFINITY,
): Promise<number[]> {
  const latencies: number[] = []
  while (!stop() && latencies.length < count) {
    const t = performance.now()
    await fetch(url).then((r) => r.text())
    latencies.push(performance.now() - t)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return latencies.sort((a, b) => a - b)
}

async function bombs(): Promise<string[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-bench-bombs-'))
  const target = await startBombTarget({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
  const health = `${target.server.url}/healthz`
  for (let i = 0; i < 200; i++) await fetch(health).then((r) => r.text())
  // The same sampling with nothing else running: what this machine gives /healthz anyway.
  const idle = await sampleHealth(health, () => false, 300)
  const rssStart = target.rssMb()
  let rssPeak = rssStart
  const started = performance.now()
  const calls = fireBombs(target, BOMBS)
  let done = false
  const answers = Promise.all(calls).finally(() => {
    done = true
  })
  const latencies = await sampleHealth(health, () => {
    rssPeak = Math.max(rssPeak, target.rssMb())
    return done
  })
  const results = await answers
  const seconds = (performance.now() - started) / 1000
  const limited = results.filter(
    (r) => r.body.error?.details && (r.body.error.details as { cause?: string }).cause === 'EXPRESSION_LIMIT',
  ).length
  await new Promise((resolve) => setTimeout(resolve, 3000))
  const rssAfter = target.rssMb()
  await target.server.stop('SIGTERM')
  await rm(dataDir, { recursive: true, force: true })
  const f = (ms: number) => `${ms.toFixed(1)} ms`
  return [
    `bombs  /healthz idle, before them (${idle.length} samples): p50 ${f(percentile(idle, 0.5))}   p99 ${f(percentile(idle, 0.99))}   max ${f(idle.at(-1) ?? Number.NaN)}`,
    `bombs  ${BOMBS} calls at once: all answered in ${seconds.toFixed(1)} s, ${limited} failed with EXPRESSION_LIMIT`,
    `bombs  /healthz while they ran (${latencies.length} samples): p50 ${f(percentile(latencies, 0.5))}   p99 ${f(percentile(latencies, 0.99))}   max ${f(latencies.at(-1) ?? Number.NaN)}   (target p99 < 50 ms)`,
    `bombs  server RSS: start ${rssStart.toFixed(0)} MB, peak ${rssPeak.toFixed(0)} MB, 3 s after ${rssAfter.toFixed(0)} MB (${((rssAfter / rssStart - 1) * 100).toFixed(0)} %, target within 20 %)`,
  ]
}

export async function benchExpressions(): Promise<string[]> {
  return [...(await roundTrips()), ...(await bombs())]
}

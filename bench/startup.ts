/**
 * Cold start and idle memory of the server as `npm start` runs it (the built apps/server/dist, which `npm run
 * bench` builds first): each round starts a new process, times the first answer from /healthz, then waits for the
 * process to settle and reads its resident memory. "fresh" starts on an empty DATA_DIR (migrations, master key,
 * example flows); "existing" starts again on the data the fresh start left. CPU time is what the process spent
 * (user + system) until /healthz answered: less sensitive to a busy machine than wall time.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { freePort } from '../tests/server/server-process.ts'

const BIN = fileURLToPath(new URL('../apps/server/bin/zhiliu-server.mjs', import.meta.url))
const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 5)
const SETTLE_MS = 5000
const TICKS_PER_SECOND = 100 // USER_HZ on Linux

interface Sample {
  startMs: number
  cpuMs: number
  idleRssMb: number
}

/** user + system CPU time of a process, from /proc (fields 14 and 15 of stat). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
}

function rssMbOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return Number(line?.[1] ?? Number.NaN) / 1024
}

async function startOnce(dataDir: string): Promise<Sample> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, [BIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: 'ignore',
  })
  try {
    const pid = child.pid ?? 0
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (res) => res.ok,
        () => false,
      )
      if (ok) break
      await sleep(5)
    }
    const startMs = performance.now() - started
    const cpuMs = cpuMsOf(pid)
    await sleep(SETTLE_MS)
    return { startMs, cpuMs, idleRssMb: rssMbOf(pid) }
  } finally {
    child.kill('SIGTERM')
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve))
  }
}

const range = (values: number[], digits = 0) =>
  `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`

function summary(label: string, samples: Sample[]): string {
  return `${label.padEnd(9)} to /healthz ${range(samples.map((s) => s.startMs))} ms (CPU ${range(samples.map((s) => s.cpuMs))} ms)   idle RSS ${range(samples.map((s) => s.idleRssMb))} MB`
}

export async function benchStartup(): Promise<string[]> {
  const fresh: Sample[] = []
  const existing: Sample[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-bench-startup-'))
    try {
      fresh.push(await startOnce(dataDir))
      existing.push(await startOnce(dataDir))
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }
  return [
    `${ROUNDS} rounds, node ${process.version}, idle RSS read ${SETTLE_MS / 1000} s after /healthz answered`,
    summary('fresh', fresh),
    summary('existing', existing),
  ]
}

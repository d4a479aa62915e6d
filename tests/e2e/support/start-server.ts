import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { ROOT } from './ensure-editor-built.ts'

export interface RunningServer {
  url: string
  dataDir: string
  /** Everything the server printed, for a failing test's message. */
  output(): string
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** What a person runs (`npm start` in apps/server): the server's own entry point. */
const SERVER_BIN = join(ROOT, 'apps/server/bin/zhiliu-server.mjs')

/**
 * Starts the real server process on a free port with a fresh DATA_DIR and waits until it answers. `env` adds to its
 * environment (an outside fake on loopback the outbound guard must allow).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-e2e-'))
  const port = await freePort()
  let log = ''
  const child: ChildProcess = spawn(process.execPath, [SERVER_BIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => (log += String(d)))
  child.stderr?.on('data', (d) => (log += String(d)))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5000)])
      if (child.exitCode === null) child.kill('SIGKILL')
    }
    await rm(dataDir, { recursive: true, force: true })
  }
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, dataDir, output: () => log, stop }
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  await stop()
  throw new Error(`the server did not start:\n${log}`)
}

import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from './server-process.ts'

// `npm start` runs npm → sh -c "node apps/server/bin/zhiliu-server.mjs" → node. npm forwards SIGTERM to the shell
// only, which dies without passing it on; the server must still stop, through its normal shutdown.

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const GRACE_MS = 2000

let npm: ChildProcess | undefined
let serverPid: number | undefined
let dataDir: string | undefined
afterEach(async () => {
  // Whatever the outcome, nothing this test started outlives it.
  for (const pid of [npm?.pid, serverPid]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL')
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

/** Running and not a zombie: an orphan's new parent may be slow to reap it. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

/** The node process among `root`'s descendants running the server's entry point. */
function findServer(root: number): number | undefined {
  const parentOf = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // Gone meanwhile.
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === root) return true
    return false
  }
  return [...parentOf.keys()].find((pid) => {
    if (!descends(pid)) return false
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    return argv.some((arg) => arg.endsWith('zhiliu-server.mjs')) && !argv.includes('-c')
  })
}

const answers = (url: string) =>
  fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
    (res) => res.ok,
    () => false,
  )

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number) {
  for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`timed out waiting until ${what}`)
}

describe.skipIf(process.platform !== 'linux')('npm start', () => {
  it('stops the server through its shutdown when SIGTERM goes to npm, not to node', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-npm-start-'))
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    // --ignore-scripts skips only prestart's build (the global setup built the server); `start` runs as npm always runs it.
    npm = spawn('npm', ['start', '--ignore-scripts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        ZHILIU_SHUTDOWN_GRACE_MS: String(GRACE_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    for (const stream of [npm.stdout, npm.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk))
    const npmExited = once(npm, 'exit')
    const npmPid = npm.pid ?? 0
    await until(() => answers(url), 'the server answers /healthz', 60_000)
    serverPid = findServer(npmPid)
    expect(serverPid).toBeGreaterThan(0)

    process.kill(npmPid, 'SIGTERM')
    await npmExited
    // The shutdown waits up to the grace period for runs; with none running it is quick, and it must end.
    await until(() => !alive(serverPid ?? 0), 'the server process exits', GRACE_MS + 10_000)
    expect(await answers(url)).toBe(false)
    const logs = output.split('\n').flatMap((line) => (line.startsWith('{') ? [JSON.parse(line)] : []))
    expect(logs.find((l) => l.msg === 'shutting down')).toMatchObject({ reason: 'parent exited' })
    expect(logs.some((l) => l.msg === 'stopped')).toBe(true)
  }, 90_000)
})

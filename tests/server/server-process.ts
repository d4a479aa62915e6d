import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../apps/server/bin/zhiliu-server.mjs', import.meta.url))

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[]
  /** What the process wrote to stderr so far (the plain "open …" line for people, and any crash). */
  stderr(): string
  /** Sends the signal and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** A port nothing listens on right now (the OS picks it; it is released for the server to take). */
export async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/**
 * Starts `apps/server/bin/zhiliu-server.mjs` as a real process on a free port and waits until `/readyz` answers
 * (not for a log line: a quiet LOG_LEVEL would hide it).
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [BIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: Record<string, unknown>[] = []
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  // A test that times out before it could stop the server must not leave it running after the test process ends.
  const orphaned = () => child.kill('SIGKILL')
  process.once('exit', orphaned)
  void exited.then(() => process.off('exit', orphaned))
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>)
    } catch {
      // Not a log line.
    }
  })
  const url = `http://127.0.0.1:${port}`
  for (let ready = false; !ready; ) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode} before it was ready:\n${stderr}`)
    ready = await fetch(`${url}/readyz`).then(
      (res) => res.ok,
      () => false,
    )
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    url,
    child,
    logs,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      const [code] = await exited
      return code
    },
  }
}

/** Sets up the owner on a fresh server and returns the headers of an API token for them. */
export async function ownerBearer(url: string): Promise<Record<string, string>> {
  const json = { 'content-type': 'application/json' }
  const setup = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'owner@example.com', password: 'owner-password-1' }),
  })
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}`)
  const cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? ''
  const token = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ name: 'ci' }),
  })
  return { authorization: `Bearer ${((await token.json()) as { token: string }).token}` }
}

/** One JSON call to a server process (POST unless told): its status, headers and parsed body (null when empty). */
export async function callServer(
  url: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown },
) {
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await res.text()
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : null) as Record<string, unknown>,
  }
}

import { readFileSync } from 'node:fs'
import { type ServerProcess, startServerProcess } from './server-process.ts'

/** Holds JSONata for its whole time limit (1 s) while building ever more arrays: the expression of issue 12. */
export const BOMB = '$count([1..10000].([1..10000]))'

export interface BombTarget {
  server: ServerProcess
  /** A published sync webhook: trigger → data.transform evaluating BOMB → flow.respond. */
  hookUrl: string
  /** The server process's resident memory, from /proc (Linux). */
  rssMb(): number
}

/** A real server process with the bomb flow published, as a webhook caller would meet it. */
export async function startBombTarget(env: Record<string, string>): Promise<BombTarget> {
  const server = await startServerProcess(env)
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`)
    return res
  }
  const setup = await post('/api/setup', { email: 'bombs@example.com', password: 'bombs-password-1' })
  const cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? ''
  const flow = {
    schemaVersion: 1,
    name: 'expression bomb',
    nodes: [
      {
        id: 'hook',
        type: 'trigger.webhook',
        version: 1,
        config: { responseMode: 'sync', timeoutMs: 300_000 },
      },
      { id: 'bomb', type: 'data.transform', version: 1, config: { expression: BOMB } },
      { id: 'reply', type: 'flow.respond', version: 1, config: { body: '{{ nodes.bomb.result }}' } },
    ],
    edges: [
      { id: 'e1', source: 'hook', target: 'bomb' },
      { id: 'e2', source: 'bomb', target: 'reply' },
    ],
  }
  const created = (await (await post('/api/flows', flow, { cookie })).json()) as { id: string }
  await post(`/api/flows/${created.id}/publish`, {}, { cookie })
  const pid = server.child.pid
  return {
    server,
    hookUrl: `${server.url}/hooks/${created.id}`,
    rssMb() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024
    },
  }
}

/** Fires `count` bomb calls at once; each resolves with its status and JSON body. */
export function fireBombs(target: BombTarget, count: number) {
  return Array.from({ length: count }, (_, i) =>
    fetch(target.hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ call: i }),
    }).then(async (res) => ({
      status: res.status,
      body: (await res.json()) as { error?: Record<string, unknown> },
    })),
  )
}

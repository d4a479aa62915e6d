import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callServer, ownerBearer, type ServerProcess, startServerProcess } from './server-process.ts'

// Step through across processes: a paused run is stored, not held by a worker, so a restart keeps it paused and
// any process honours its idle deadline.

let dataDir: string
let server: ServerProcess | undefined
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-step-'))
})
afterAll(async () => {
  await server?.stop('SIGKILL')
  await rm(dataDir, { recursive: true, force: true })
})

const lesson = {
  schemaVersion: 1,
  name: 'lesson',
  nodes: [
    { id: 'start', type: 'trigger.manual', version: 1, config: {} },
    {
      id: 'greet',
      type: 'data.set',
      version: 1,
      config: { fields: [{ name: 'text', value: '你好，{{ trigger.body.name }}' }] },
    },
    {
      id: 'shout',
      type: 'data.set',
      version: 1,
      config: { fields: [{ name: 'loud', value: '{{ nodes.greet.text }}！' }] },
    },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'greet' },
    { id: 'e2', source: 'greet', target: 'shout' },
  ],
}

type RunBody = {
  status: string
  pausedBefore: { nodeId: string; input: { inputs: unknown } } | null
  error: { code: string } | null
  output: unknown
}

/** Reads the run until its status is one of `statuses` (it moves on in the server's own time). */
async function runOnceIn(url: string, headers: Record<string, string>, runId: string, statuses: string[]) {
  for (;;) {
    const run = (await callServer(url, `/api/runs/${runId}`, { method: 'GET', headers }))
      .body as unknown as RunBody
    if (statuses.includes(run.status)) return run
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('a paused run in a real server process', () => {
  it('stays paused across a restart, continues afterwards, and a short idle time cancels another', async () => {
    server = await startServerProcess({ DATA_DIR: dataDir })
    let { url } = server
    const headers = await ownerBearer(url)
    const flowId = String((await callServer(url, '/api/flows', { headers, body: lesson })).body.id)
    const started = await callServer(url, `/api/flows/${flowId}/runs`, {
      headers,
      body: { input: { name: '小明' }, debug: { pauseBefore: ['shout'] } },
    })
    const runId = String(started.body.runId)
    const paused = await runOnceIn(url, headers, runId, ['paused', 'succeeded', 'failed'])
    expect(paused).toMatchObject({ status: 'paused', pausedBefore: { nodeId: 'shout' } })

    expect(await server.stop('SIGTERM')).toBe(0)
    server = await startServerProcess({ DATA_DIR: dataDir, ZHILIU_PAUSE_IDLE_MS: '300' })
    url = server.url
    const after = (await callServer(url, `/api/runs/${runId}`, { method: 'GET', headers })).body
    expect(after).toMatchObject({
      status: 'paused',
      pausedBefore: { nodeId: 'shout', input: { inputs: { in: { text: '你好，小明' } } } },
    })

    const resumed = await callServer(url, `/api/runs/${runId}/resume`, {
      headers,
      body: { mode: 'continue' },
    })
    expect(resumed.status).toBe(200)
    const done = await runOnceIn(url, headers, runId, ['succeeded', 'failed', 'cancelled'])
    expect(done).toMatchObject({ status: 'succeeded', output: { loud: '你好，小明！' } })

    // This process lets a paused run wait 300 ms: nobody continues this one.
    const idle = await callServer(url, `/api/flows/${flowId}/runs`, {
      headers,
      body: { debug: { step: true } },
    })
    const ended = await runOnceIn(url, headers, String(idle.body.runId), ['cancelled', 'succeeded', 'failed'])
    expect(ended).toMatchObject({ status: 'cancelled', error: { code: 'PAUSE_EXPIRED' } })
  }, 120_000)
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type AppType, createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import type { TestDeps } from '../test-support/create-test-deps.ts'
import type { AuthHeaders } from '../test-support/sign-in.ts'
import { createRunServiceFor } from './create-run-service-for.ts'
import { readAllSse, readSse } from './read-sse.ts'
import { chainFlow, closeRunApp, createRunApp, ownerAccess, storeFlow, type TestNodes } from './test-kit.ts'

let t: TestDeps
let app: AppType
let owner: AuthHeaders
let kit: TestNodes
beforeEach(async () => {
  ;({ t, app, owner, kit } = await createRunApp())
})
afterEach(() => closeRunApp({ t, kit }))

const gated = chainFlow([
  { id: 'trigger', type: 'trigger.manual' },
  { id: 'gate', type: 'test.gate' },
  { id: 'after', type: 'text.template', config: { template: 'done' } },
])

async function startRun() {
  const flow = await storeFlow(t.deps, await ownerAccess(t.deps), gated)
  const res = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, { headers: owner, body: {} })
  return (res.body as { runId: string }).runId
}

const events = (runId: string) => app.request(`/api/runs/${runId}/events`, { headers: owner })

describe('run events over SSE', () => {
  it('replays what already happened to a subscriber that joins mid-run, then streams live until the end', async () => {
    const runId = await startRun()
    await kit.entered()
    const res = await events(runId)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const seen: string[] = []
    for await (const event of readSse(res)) {
      const data = JSON.parse(event.data) as { result?: { nodeId: string }; chunk?: { text: string } }
      seen.push(data.result ? `${event.event}:${data.result.nodeId}` : event.event)
      // Everything before the gate is history by now; open it once the replay reached the gate's chunk.
      if (event.event === 'node.chunk') kit.open()
    }
    expect(seen).toEqual([
      'run.started',
      'node.started',
      'node.finished:trigger',
      'node.started',
      'node.chunk',
      'node.finished:gate',
      'node.started',
      'node.finished:after',
      'run.finished',
    ])
  })

  it('replays a finished run from the store and ends', async () => {
    kit.open()
    const runId = await startRun()
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
    // A fresh service has no memory of the run: everything comes from SQLite.
    const runs = createRunServiceFor(t.deps)
    const res = await createApp({ ...t.deps, runs }).request(`/api/runs/${runId}/events`, { headers: owner })
    const all = await readAllSse(res)
    await runs.close(0)
    expect(all.map((e) => e.event)).toEqual([
      'run.started',
      'node.finished',
      'node.finished',
      'node.finished',
      'run.finished',
    ])
    expect(JSON.parse(all.at(-1)?.data ?? '')).toMatchObject({
      outcome: { status: 'succeeded', output: { text: 'done' } },
    })
  })
})

import type { RunEvent } from '@zhiliu/engine'
import { createRegistry } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createTestNodes } from '../runs/test-kit.ts'
import { REDACTED } from '../security/redact.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { setupOwner } from '../test-support/sign-in.ts'
import { hookFlow, publishHook } from './hook-test-kit.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
beforeEach(async () => {
  t = await createTestDeps({ registry: createRegistry(createTestNodes().definitions) })
  app = createApp(t.deps)
  await setupOwner(app)
})
afterEach(async () => {
  await t.close()
})

const SECRET = 'open-sesame-4711'
const post = (path: string, body: unknown) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

/** Every event of a finished run, as a late subscriber (an SSE client) replays them. */
function eventsOf(runId: string): Promise<RunEvent[]> {
  return new Promise((resolve) => {
    const events: RunEvent[] = []
    const off = t.deps.runs.subscribe(runId, (event) => {
      events.push(event)
      if (event.type === 'run.finished') {
        queueMicrotask(() => off())
        resolve(events)
      }
    })
  })
}

// The flow checks the field itself, so the answer shows it saw the value in clear, then echoes the whole body.
const check = {
  id: 'check',
  type: 'text.template',
  config: { template: `{% if trigger.body.secret == '${SECRET}' %}yes{% else %}no{% endif %}` },
}

describe('one redaction rule for what a webhook run stores and answers', () => {
  it('a field named `secret` reaches the flow in clear but is redacted in the sync answer, the stored input, the results, the events and the logs', async () => {
    const reply = {
      id: 'reply',
      type: 'flow.respond',
      config: { status: 200, body: { matched: '{{ nodes.check.text }}', got: '{{ trigger.body }}' } },
    }
    const id = await publishHook(t.deps, hookFlow({ responseMode: 'sync' }, [check, reply]))
    const res = await post(`/hooks/${id}`, { name: 'Ann', secret: SECRET })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ matched: 'yes', got: { name: 'Ann', secret: REDACTED } })

    const runId = res.headers.get('x-zhiliu-run-id') ?? ''
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
    const run = await t.deps.store.getRun({ userId: 'x', all: true }, runId)
    expect(run?.event.body).toEqual({ name: 'Ann', secret: REDACTED })
    const stored = JSON.stringify([run, await t.deps.store.loadNodeResults(runId)])
    expect(stored).toContain('Ann')
    expect(stored).not.toContain(SECRET)
    const events = await eventsOf(runId)
    expect(events.map((e) => e.type)).toContain('run.finished')
    expect(JSON.stringify(events)).not.toContain(SECRET)
    expect(JSON.stringify(t.logs)).not.toContain(SECRET)
  })

  it('redacts it in the run output a flow without a Respond node answers with', async () => {
    const copy = {
      id: 'copy',
      type: 'data.set',
      config: { fields: [{ name: 'secret', value: '{{ trigger.body.secret }}' }] },
    }
    const id = await publishHook(t.deps, hookFlow({}, [copy]))
    const res = await post(`/hooks/${id}`, { secret: SECRET })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ secret: REDACTED })
  })

  it("redacts it in an async call's status answer", async () => {
    const id = await publishHook(t.deps, hookFlow({ responseMode: 'async' }, [check]))
    const res = await post(`/hooks/${id}`, { secret: SECRET })
    const { runId, statusUrl } = (await res.json()) as { runId: string; statusUrl: string }
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
    const status = await callApi(app, 'GET', statusUrl)
    expect(status.body).toMatchObject({ status: 'succeeded', output: { text: 'yes' } })
    expect(JSON.stringify(status.body)).not.toContain(SECRET)
  })
})

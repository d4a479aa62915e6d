import { createRegistry } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { hookFlow, publishHook } from '../webhooks/hook-test-kit.ts'
import { slimResult } from './stored-results.ts'
import { createTestNodes } from './test-kit.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  t = await createTestDeps({ registry: createRegistry(createTestNodes().definitions) })
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(() => t.close())

const upper = {
  id: 'upper',
  type: 'data.transform',
  config: { expression: '$uppercase(title)', data: '{{ trigger.body }}' },
}
const reply = { id: 'reply', type: 'flow.respond', config: { status: 200, body: '{{ nodes.upper }}' } }

describe('what a run stores per node', () => {
  it("stores neither a node's rendered input nor the trigger's copy of the event, and shows both when the run is read", async () => {
    const id = await publishHook(t.deps, hookFlow({ responseMode: 'sync' }, [upper, reply]))
    const res = await callApi(app, 'POST', `/hooks/${id}`, { body: { title: 'abc', token: 'hidden' } })
    expect(res.body).toEqual({ result: 'ABC' })
    const runId = res.res.headers.get('x-zhiliu-run-id') ?? ''
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })

    const stored = await t.deps.store.loadNodeResults(runId)
    expect(stored.map((r) => r.key).sort()).toEqual(['reply', 'trigger', 'upper'])
    for (const result of stored) expect(result.input).toBeUndefined()
    expect(stored.find((r) => r.key === 'trigger')?.output).toBeUndefined()
    expect(stored.find((r) => r.key === 'upper')?.output).toEqual({ result: 'ABC' })

    const view = await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })
    const nodes = (view.body as { event: unknown; nodes: Record<string, unknown>[] }).nodes
    const node = (key: string) => nodes.find((n) => n.key === key)
    const body = { title: 'abc', token: '[REDACTED]' }
    expect(node('trigger')?.output).toMatchObject({ body, method: 'POST' })
    expect(node('trigger')?.output).toEqual({ ...(view.body as { event: object }).event })
    expect(node('upper')?.input).toEqual({ config: { expression: '$uppercase(title)', data: body } })
    expect(node('reply')?.input).toMatchObject({ config: { status: 200, body: { result: 'ABC' } } })
  })

  it("keeps a trigger's output that is not exactly the event, and the input of a node in a loop body", () => {
    const document = hookFlow({}, [upper])
    const event = { body: { title: 'abc' }, headers: {}, query: {}, method: 'POST', firedAt: 'now' }
    const result = (key: string, nodeId: string, output: unknown) => ({
      key,
      nodeId,
      status: 'succeeded' as const,
      ports: ['out'],
      input: { config: {} },
      output,
      attempts: 1,
      startedAt: 1,
      finishedAt: 2,
    })
    const slim = (r: ReturnType<typeof result>) => slimResult(r, r, { document, event }, t.deps.registry)
    expect(slim(result('trigger', 'trigger', { ...event })).output).toBeUndefined()
    expect(slim(result('trigger', 'trigger', { ...event, body: {} })).output).toEqual({ ...event, body: {} })
    expect(slim(result('upper', 'upper', 1)).input).toBeUndefined()
    expect(slim(result('loop[0].upper', 'upper', 1)).input).toEqual({ config: {} })
  })
})

import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { createRegistry, Flow } from '@zhiliu/nodes'
import { afterEach, describe, expect, it } from 'vitest'
import { type AppType, createApp } from '../create-app.ts'
import { chainFlow, createTestNodes, ownerAccess, storeFlow, type TestNodes } from '../runs/test-kit.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps, type TestOverrides } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { echo, hookFlow, publishHook } from '../webhooks/hook-test-kit.ts'
import { createMetrics } from './create-metrics.ts'

interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

/** The Prometheus text format's sample lines (`name{a="x",b="y"} 1`); comments and blank lines left out. */
function parseSamples(text: string): Sample[] {
  const samples: Sample[] = []
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match) throw new Error(`not a sample line: ${line}`)
    const labels: Record<string, string> = {}
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key as string] = value as string
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) })
  }
  return samples
}

let t: TestDeps | undefined
let kit: TestNodes | undefined
afterEach(async () => {
  kit?.open()
  await t?.close()
  t = undefined
})

function deps() {
  if (!t) throw new Error('start the app first')
  return t.deps
}

function testNodes() {
  if (!kit) throw new Error('start the app first')
  return kit
}

async function start(overrides: TestOverrides = {}): Promise<AppType> {
  kit = createTestNodes()
  t = await createTestDeps({ registry: createRegistry(kit.definitions), ...overrides })
  return createApp(t.deps)
}

async function startSignedIn(overrides: TestOverrides = {}): Promise<{ app: AppType; owner: AuthHeaders }> {
  const app = await start(overrides)
  return { app, owner: await setupOwner(app) }
}

async function scrape(app: AppType, headers: Record<string, string> = {}) {
  const res = await callApi(app, 'GET', '/metrics', { headers })
  expect(res.status).toBe(200)
  const text = res.body as string
  const samples = parseSamples(text)
  /** The one sample with exactly these labels; undefined when there is none. */
  const value = (name: string, labels: Record<string, string> = {}) =>
    samples.find((s) => s.name === name && sameLabels(s.labels, labels))?.value
  return { text, samples, value }
}

function sameLabels(a: Record<string, string>, b: Record<string, string>) {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k])
}

async function manualRun(app: AppType, owner: AuthHeaders, document: Flow, input: unknown = {}) {
  const flow = await storeFlow(deps(), await ownerAccess(deps()), document)
  const res = await callApi(app, 'POST', `/api/flows/${flow.id}/runs`, { headers: owner, body: { input } })
  expect(res.status).toBe(201)
  const { runId } = res.body as { runId: string }
  return {
    flowId: flow.id,
    runId,
    end: () => deps().runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 }),
  }
}

const greeting = chainFlow([
  { id: 'trigger', type: 'trigger.manual' },
  { id: 'hello', type: 'text.template', config: { template: 'Hello, {{ trigger.body.name }}' } },
])

describe('GET /metrics', () => {
  it('counts a manual and a webhook run by trigger and status, times them and their nodes, and names no flow', async () => {
    const { app, owner } = await startSignedIn()
    const manual = await manualRun(app, owner, greeting, { name: '李雷' })
    expect(await manual.end()).toMatchObject({ state: 'finished', outcome: { status: 'succeeded' } })
    const hookId = await publishHook(deps(), hookFlow({}, [echo]))
    const res = await app.request(`/hooks/${hookId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'n-1' }),
    })
    expect(res.status).toBe(201)
    await deps().runs.waitFor(res.headers.get('x-zhiliu-run-id') ?? '', { until: 'finish', timeoutMs: 5000 })

    const { text, value } = await scrape(app)
    expect(value('zhiliu_runs_started_total', { trigger: 'manual' })).toBe(1)
    expect(value('zhiliu_runs_started_total', { trigger: 'webhook' })).toBe(1)
    expect(value('zhiliu_runs_started_total', { trigger: 'schedule' })).toBe(0)
    expect(value('zhiliu_runs_finished_total', { trigger: 'manual', status: 'succeeded' })).toBe(1)
    expect(value('zhiliu_runs_finished_total', { trigger: 'webhook', status: 'succeeded' })).toBe(1)
    expect(value('zhiliu_runs_finished_total', { trigger: 'manual', status: 'failed' })).toBe(0)
    expect(value('zhiliu_run_duration_seconds_count', { trigger: 'webhook', status: 'succeeded' })).toBe(1)
    expect(
      value('zhiliu_run_duration_seconds_bucket', { trigger: 'manual', status: 'succeeded', le: '+Inf' }),
    ).toBe(1)
    const node = (type: string) => value('zhiliu_node_duration_seconds_count', { type, status: 'succeeded' })
    expect([
      node('trigger.manual'),
      node('text.template'),
      node('trigger.webhook'),
      node('flow.respond'),
    ]).toEqual([1, 1, 1, 1])
    expect(value('zhiliu_webhook_responses_total', { code: '201' })).toBe(1)
    // Labels are bounded sets: no flow or run id, nothing a run produced.
    for (const secret of [manual.flowId, manual.runId, hookId, '李雷', 'n-1'])
      expect(text).not.toContain(secret)
  })

  it('counts a failed run as failed, with its failing node type', async () => {
    const { app, owner } = await startSignedIn()
    const broken = chainFlow([
      { id: 'trigger', type: 'trigger.manual' },
      { id: 'parse', type: 'data.parse-json', config: { text: 'not json {' } },
    ])
    const run = await manualRun(app, owner, broken)
    expect(await run.end()).toMatchObject({ outcome: { status: 'failed' } })
    const { value } = await scrape(app)
    expect(value('zhiliu_runs_finished_total', { trigger: 'manual', status: 'failed' })).toBe(1)
    expect(value('zhiliu_runs_finished_total', { trigger: 'manual', status: 'succeeded' })).toBe(0)
    expect(value('zhiliu_node_duration_seconds_count', { type: 'data.parse-json', status: 'failed' })).toBe(1)
  })

  it('counts webhook refusals by their code, and only calls (not status polls)', async () => {
    const app = await start()
    const call = (path: string) => app.request(path, { method: 'POST', body: '{}' })
    expect((await call('/hooks/no-such-flow')).status).toBe(404)
    expect((await call('/hooks/p/no-such-path')).status).toBe(404)
    expect((await app.request('/hooks/runs/some-run?token=x')).status).toBe(404)
    const { value } = await scrape(app)
    expect(value('zhiliu_webhook_responses_total', { code: '404' })).toBe(2)
  })

  it('reports runs executing and runs queued behind the concurrency limit; a queued run cancelled counts as cancelled', async () => {
    const { app, owner } = await startSignedIn({ config: { runConcurrency: 1 } })
    const gated = chainFlow([
      { id: 'trigger', type: 'trigger.manual' },
      { id: 'gate', type: 'test.gate' },
    ])
    const first = await manualRun(app, owner, gated)
    const second = await manualRun(app, owner, gated)
    await testNodes().entered()
    const during = await scrape(app)
    expect([during.value('zhiliu_runs_executing'), during.value('zhiliu_runs_queued')]).toEqual([1, 1])
    expect(during.value('zhiliu_runs_started_total', { trigger: 'manual' })).toBe(2)
    const third = await manualRun(app, owner, gated)
    const cancelled = await callApi(app, 'POST', `/api/runs/${third.runId}/cancel`, { headers: owner })
    expect(cancelled.body).toMatchObject({ status: 'cancelled' })
    testNodes().open()
    await first.end()
    await second.end()
    // A run's end is announced a moment before its worker slot is free.
    await expect.poll(async () => (await scrape(app)).value('zhiliu_runs_executing')).toBe(0)
    const after = await scrape(app)
    expect(after.value('zhiliu_runs_queued')).toBe(0)
    expect(after.value('zhiliu_runs_finished_total', { trigger: 'manual', status: 'succeeded' })).toBe(2)
    expect(after.value('zhiliu_runs_finished_total', { trigger: 'manual', status: 'cancelled' })).toBe(1)
    expect(after.value('zhiliu_run_duration_seconds_count', { trigger: 'manual', status: 'cancelled' })).toBe(
      1,
    )
  })

  it('counts a run waiting for a review once, when it ends, and does not time the nodes it reused again', async () => {
    const { app, owner } = await startSignedIn()
    const review = Flow.parse({
      schemaVersion: 1,
      name: 'review',
      nodes: [
        { id: 't', type: 'trigger.manual', version: 1 },
        { id: 'review', type: 'flow.approval', version: 1, config: { title: 'x', content: 'y' } },
        { id: 'publish', type: 'text.template', version: 1, config: { template: 'ok' } },
      ],
      edges: [
        { id: 'e1', source: 't', target: 'review' },
        { id: 'e2', source: 'review', sourcePort: 'approved', target: 'publish' },
      ],
    })
    const run = await manualRun(app, owner, review)
    const status = async () => (await deps().store.getRun(await ownerAccess(deps()), run.runId))?.status
    await expect.poll(status).toBe('waiting')
    const waiting = await scrape(app)
    expect(waiting.value('zhiliu_runs_finished_total', { trigger: 'manual', status: 'succeeded' })).toBe(0)
    expect(
      waiting.value('zhiliu_run_duration_seconds_count', { trigger: 'manual', status: 'succeeded' }),
    ).toBe(undefined)

    const decided = await callApi(app, 'POST', `/api/approvals/${run.runId}/review`, {
      headers: owner,
      body: { decision: 'approve' },
    })
    expect(decided.status).toBe(200)
    await expect.poll(status).toBe('succeeded')
    const { value } = await scrape(app)
    expect(value('zhiliu_runs_started_total', { trigger: 'manual' })).toBe(1)
    expect(value('zhiliu_runs_finished_total', { trigger: 'manual', status: 'succeeded' })).toBe(1)
    const node = (type: string) => value('zhiliu_node_duration_seconds_count', { type, status: 'succeeded' })
    // The trigger ran once: the resumed execution reused its result, as it reused the reviewer's decision.
    expect([node('trigger.manual'), node('text.template')]).toEqual([1, 1])
    expect(node('flow.approval')).toBeUndefined()
  })

  it('reports the SQLite file with its write-ahead log', async () => {
    const app = await start()
    const { value } = await scrape(app)
    const file = join((t as TestDeps).dataDir, 'zhiliu.db')
    const walBytes = await stat(`${file}-wal`).then(
      (s) => s.size,
      () => 0,
    )
    expect(value('zhiliu_database_size_bytes')).toBe((await stat(file)).size + walBytes)
    expect(value('zhiliu_database_size_bytes')).toBeGreaterThan(0)
  })

  it('adds the process metrics (memory, event-loop lag, GC) when asked to', async () => {
    const app = await start({ metrics: createMetrics({ processMetrics: true }) })
    const { value, text } = await scrape(app)
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(0)
    expect(value('nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0)
    // Declared at once; its samples come with the first garbage collection.
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram')
  })

  it('keeps each app to its own registry: two apps in one process count apart', async () => {
    const { app, owner } = await startSignedIn()
    const other = await createTestDeps()
    try {
      const otherApp = createApp(other.deps)
      await (await manualRun(app, owner, greeting)).end()
      expect((await scrape(app)).value('zhiliu_runs_started_total', { trigger: 'manual' })).toBe(1)
      expect((await scrape(otherApp)).value('zhiliu_runs_started_total', { trigger: 'manual' })).toBe(0)
    } finally {
      await other.close()
    }
  })

  it('with ZHILIU_METRICS_TOKEN, answers 401 without that Bearer token (an API token does not do)', async () => {
    const { app, owner } = await startSignedIn({ config: { metricsToken: 'scrape-me-0123456789' } })
    const created = await callApi(app, 'POST', '/api/tokens', { headers: owner, body: { name: 'script' } })
    const apiToken = (created.body as { token: string }).token
    for (const authorization of [
      undefined,
      'Bearer wrong',
      `Bearer ${apiToken}`,
      'Basic scrape-me-0123456789',
    ]) {
      const res = await callApi(app, 'GET', '/metrics', { headers: authorization ? { authorization } : {} })
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 })
      expect(res.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } })
    }
    const { value } = await scrape(app, { authorization: 'Bearer scrape-me-0123456789' })
    expect(value('zhiliu_runs_started_total', { trigger: 'manual' })).toBe(0)
  })

  it('is open without a configured token, and described in the OpenAPI document beside the health routes', async () => {
    const app = await start()
    const res = await callApi(app, 'GET', '/metrics')
    expect(res.status).toBe(200)
    expect(res.res.headers.get('content-type')).toContain('text/plain')
    const doc = (await callApi(app, 'GET', '/api/openapi.json')).body as {
      paths: Record<string, { get?: { tags?: string[] } }>
    }
    expect(doc.paths['/metrics']?.get?.tags).toEqual(['health'])
    expect(doc.paths['/readyz']?.get?.tags).toEqual(['health'])
  })
})

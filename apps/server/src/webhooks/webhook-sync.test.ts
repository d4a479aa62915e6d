import { createRegistry } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createTestNodes } from '../runs/test-kit.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { setupOwner } from '../test-support/sign-in.ts'
import { echo, hookFlow, publishHook, runCount } from './hook-test-kit.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let kit: ReturnType<typeof createTestNodes>
beforeEach(async () => {
  kit = createTestNodes()
  t = await createTestDeps({
    registry: createRegistry(kit.definitions),
    config: { bodyLimitBytes: 64 * 1024 },
  })
  app = createApp(t.deps)
  await setupOwner(app)
})
afterEach(async () => {
  kit.open()
  await t.close()
})

const post = (
  path: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => app.request(path, { method: 'POST', headers, body })

describe('sync webhooks', () => {
  it("answers with the Respond node's status, headers and body, and records a webhook run of the published version", async () => {
    const id = await publishHook(t.deps, hookFlow({}, [echo]))
    const res = await post(`/hooks/${id}?lang=zh`, JSON.stringify({ id: 'n-1', title: '新闻' }))
    expect(res.status).toBe(201)
    expect(res.headers.get('x-id')).toBe('n-1')
    expect(await res.json()).toEqual({ got: { id: 'n-1', title: '新闻' } })
    // The caller is answered at the Respond node; the run records its end right after.
    const runId = res.headers.get('x-zhiliu-run-id') ?? ''
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
    const run = await t.deps.store.getRun({ userId: 'x', all: true }, runId)
    expect(run).toMatchObject({ trigger: 'webhook', flowVersion: 1, status: 'succeeded' })
    expect(run?.event).toMatchObject({
      method: 'POST',
      query: { lang: 'zh' },
      headers: { 'content-type': 'application/json' },
    })
  })

  describe("a Respond node's Location header", () => {
    const respond = (status: number, location: string) =>
      hookFlow({}, [
        {
          id: 'reply',
          type: 'flow.respond',
          config: { status, headers: [{ key: 'Location', value: location }] },
        },
      ])
    const answer = async (status: number, location: string) => {
      const id = await publishHook(t.deps, respond(status, location))
      const res = await post(`/hooks/${id}`, JSON.stringify({ to: 'https://example.cn/x' }))
      return { status: res.status, location: res.headers.get('location') }
    }

    it('goes out when the author chose a redirect status and an http(s) URL or a site path', async () => {
      expect(await answer(302, '{{ trigger.body.to }}')).toEqual({
        status: 302,
        location: 'https://example.cn/x',
      })
      expect(await answer(303, '/p/thanks')).toEqual({ status: 303, location: '/p/thanks' })
    })

    it('is dropped for any other target, or without a redirect status', async () => {
      for (const target of [
        'javascript:alert(1)',
        'data:text/html,<script>x</script>',
        '//evil.com',
        '/\\evil.com',
      ])
        expect(await answer(302, target)).toEqual({ status: 302, location: null })
      expect(await answer(200, 'https://example.cn/x')).toEqual({ status: 200, location: null })
    })
  })

  it('answers 200 with the last node output when the flow has no Respond node', async () => {
    const id = await publishHook(
      t.deps,
      hookFlow({}, [
        { id: 'text', type: 'text.template', config: { template: 'hi {{ trigger.body.name }}' } },
      ]),
    )
    const res = await post(`/hooks/${id}`, 'name=Ann&tag=a&tag=b', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ text: 'hi Ann' })
  })

  it('takes text bodies and custom paths', async () => {
    const flow = hookFlow({ path: 'news-in' }, [
      { id: 'text', type: 'text.template', config: { template: '<{{ trigger.body }}>' } },
    ])
    await publishHook(t.deps, flow)
    const res = await post('/hooks/p/news-in', 'plain words', { 'content-type': 'text/plain' })
    expect(await res.json()).toEqual({ text: '<plain words>' })
    expect((await post('/hooks/p/other-path', '')).status).toBe(404)
  })

  it('answers 500 RUN_FAILED naming the run and the failing node when the flow fails', async () => {
    const failing = {
      id: 'shape',
      type: 'data.set',
      config: { fields: [{ name: 'n', value: 'abc', type: 'number' }] },
    }
    const id = await publishHook(t.deps, hookFlow({}, [failing]))
    const res = await post(`/hooks/${id}`, '{}')
    expect(res.status).toBe(500)
    const body = (await res.json()) as { error: { code: string; details: { runId: string; nodeId: string } } }
    expect(body.error).toMatchObject({
      code: 'RUN_FAILED',
      details: { nodeId: 'shape', runId: res.headers.get('x-zhiliu-run-id') },
    })
  })

  it('answers 202 with a status URL once the wait limit passes, and the URL shows the result later', async () => {
    const id = await publishHook(t.deps, hookFlow({ timeoutMs: 1000 }, [{ id: 'gate', type: 'test.gate' }]))
    const res = await post(`/hooks/${id}`, '{"a":1}')
    expect(res.status).toBe(202)
    const { runId, status, statusUrl } = (await res.json()) as {
      runId: string
      status: string
      statusUrl: string
    }
    expect(status).toBe('running')
    kit.open()
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
    const later = await callApi(app, 'GET', statusUrl)
    expect(later.body).toMatchObject({ runId, status: 'succeeded', output: { value: { body: { a: 1 } } } })
    expect((await callApi(app, 'GET', `/hooks/runs/${runId}?token=forged`)).status).toBe(404)
    const otherRun = (await post(`/hooks/${id}`, '{}')).headers.get('x-zhiliu-run-id')
    expect((await callApi(app, 'GET', statusUrl.replace(runId, otherRun ?? ''))).status).toBe(404)
  })
})

describe('webhook refusals, before any run exists', () => {
  it('answers 404 FLOW_NOT_PUBLISHED for a flow never published and 404 for an unknown one', async () => {
    const id = await publishHook(t.deps, hookFlow({}, [echo]), { publish: false })
    const res = await post(`/hooks/${id}`, '{}')
    expect(res.status).toBe(404)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('FLOW_NOT_PUBLISHED')
    expect(body.error.message).toMatch(/not been published/)
    expect((await post('/hooks/no-such-flow', '{}')).status).toBe(404)
    expect(await runCount(t.deps)).toBe(0)
  })

  it('refuses a body over the limit with 413, whether the length is declared or streamed', async () => {
    const id = await publishHook(t.deps, hookFlow({}, [echo]))
    const big = JSON.stringify({ x: 'a'.repeat(128 * 1024) })
    const declared = await post(`/hooks/${id}`, big, {
      'content-type': 'application/json',
      'content-length': String(big.length),
    })
    expect(declared.status).toBe(413)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 16; i++) controller.enqueue(new Uint8Array(8 * 1024).fill(32))
        controller.close()
      },
    })
    const streamed = await app.request(`/hooks/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(await streamed.json()).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } })
    expect(await runCount(t.deps)).toBe(0)
  })

  it('refuses malformed, deeply nested, __proto__ and non-UTF-8 JSON with 400 and unknown media types with 415', async () => {
    const id = await publishHook(t.deps, hookFlow({}, [echo]))
    for (const body of ['{"title": ', '['.repeat(5000), '{"__proto__": {"polluted": true}}']) {
      const res = await post(`/hooks/${id}`, body)
      expect(res.status, body.slice(0, 20)).toBe(400)
      expect(await res.json()).toMatchObject({ error: { code: 'INVALID_JSON' } })
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((await post(`/hooks/${id}`, 'x', { 'content-type': 'application/octet-stream' })).status).toBe(415)
    // The same decoder and code as every JSON body under /api.
    const latin = await app.request(`/hooks/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"title":"caf\xe9"}', 'latin1'),
    })
    expect(latin.status).toBe(400)
    expect(await latin.json()).toMatchObject({ error: { code: 'INVALID_UTF8' } })
    expect(await runCount(t.deps)).toBe(0)
  })

  it("refuses a body the trigger's input fields reject with 400 naming each field", async () => {
    const fields = [
      { name: 'title', type: 'string', required: true },
      { name: 'score', type: 'number' },
    ]
    const id = await publishHook(t.deps, hookFlow({ inputSchema: fields }, [echo]))
    const res = await post(`/hooks/${id}`, JSON.stringify({ score: 'high' }))
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; details: { issues: { path: string }[] } } }
    expect(body.error.code).toBe('INPUT_INVALID')
    expect(body.error.details.issues.map((i) => i.path).sort()).toEqual(['body.score', 'body.title'])
    expect(await runCount(t.deps)).toBe(0)
  })
})

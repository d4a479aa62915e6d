import { createRegistry } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { type FakeServer, startFakeServer } from '../outbound/start-fake-server.ts'
import { readAllSse } from '../runs/read-sse.ts'
import { createTestNodes } from '../runs/test-kit.ts'
import { verifyWebhook } from '../security/webhook-signature.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { hookFlow, publishHook, runCount } from './hook-test-kit.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let kit: ReturnType<typeof createTestNodes>
let receiver: FakeServer
let received: Promise<{ headers: Record<string, string>; body: string }>
beforeEach(async () => {
  kit = createTestNodes()
  let deliver: (value: { headers: Record<string, string>; body: string }) => void = () => {}
  received = new Promise((resolve) => {
    deliver = resolve
  })
  receiver = await startFakeServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    req.on('end', () => {
      deliver({ headers: req.headers as Record<string, string>, body })
      res.end('ok')
    })
  })
  t = await createTestDeps({
    registry: createRegistry(kit.definitions),
    config: { callbackHosts: [`127.0.0.1:${receiver.port}`] },
  })
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(async () => {
  kit.open()
  await t.close()
  await receiver.close()
})

const post = (path: string, body = '{"n":1}', headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })

describe('async webhooks', () => {
  it('answers 202 at once, then POSTs the signed result to the allowed callback URL', async () => {
    const id = await publishHook(
      t.deps,
      hookFlow({ responseMode: 'async' }, [{ id: 'gate', type: 'test.gate' }]),
    )
    const secret = (
      (await callApi(app, 'POST', `/api/flows/${id}/webhook-secret`, { headers: owner })).body as {
        secret: string
      }
    ).secret
    const res = await post(`/hooks/${id}?callback_url=${encodeURIComponent(`${receiver.origin}/done`)}`)
    expect(res.status).toBe(202)
    const { runId, statusUrl } = (await res.json()) as { runId: string; statusUrl: string }
    expect((await callApi(app, 'GET', statusUrl)).body).toMatchObject({
      runId,
      status: expect.stringMatching(/queued|running/),
    })
    kit.open()
    const callback = await received
    verifyWebhook({ secret, headers: callback.headers, body: callback.body, now: Date.now() })
    expect(JSON.parse(callback.body)).toMatchObject({
      type: 'run.finished',
      runId,
      flowId: id,
      status: 'succeeded',
      output: { value: { body: { n: 1 } } },
    })
  })

  it('refuses a callback host outside the allowlist with 400 and starts no run', async () => {
    kit.open()
    const id = await publishHook(
      t.deps,
      hookFlow({ responseMode: 'async' }, [{ id: 'gate', type: 'test.gate' }]),
    )
    const res = await post(`/hooks/${id}`, '{}', { 'webhook-callback-url': 'http://169.254.169.254/latest' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'CALLBACK_NOT_ALLOWED' } })
    expect(await runCount(t.deps)).toBe(0)
  })
})

describe('stream webhooks', () => {
  it('streams node events and text chunks, then the result, without node inputs or outputs', async () => {
    const flow = hookFlow({ responseMode: 'stream' }, [
      { id: 'gate', type: 'test.gate' },
      { id: 'text', type: 'text.template', config: { template: 'secret-ish {{ trigger.body.n }}' } },
    ])
    const id = await publishHook(t.deps, flow)
    kit.open()
    const res = await post(`/hooks/${id}`)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const events = await readAllSse(res)
    expect(events.map((e) => e.event)).toEqual([
      'run.started',
      'node.started',
      'node.finished',
      'node.started',
      'chunk',
      'node.finished',
      'node.started',
      'node.finished',
      'result',
    ])
    expect(JSON.parse(events[4]?.data ?? '')).toEqual({ nodeId: 'gate', channel: 'text', text: 'waiting' })
    expect(
      events
        .slice(0, -1)
        .map((e) => e.data)
        .join(),
    ).not.toContain('secret-ish')
    expect(JSON.parse(events.at(-1)?.data ?? '')).toMatchObject({
      status: 'succeeded',
      output: { text: 'secret-ish 1' },
    })
  })
})

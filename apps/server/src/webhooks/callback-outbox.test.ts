import type { IncomingHttpHeaders } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { type FakeServer, startFakeServer } from '../outbound/start-fake-server.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { createCallbackOutbox } from './callback-outbox.ts'
import { hookFlow, publishHook } from './hook-test-kit.ts'

interface Delivery {
  headers: IncomingHttpHeaders
  body: Record<string, unknown>
}

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let receiver: FakeServer
/** What the receiver got, in order; `answers` are its status codes, one per call (200 once they run out). */
let deliveries: Delivery[]
let answers: number[]
beforeEach(async () => {
  deliveries = []
  answers = []
  receiver = await startFakeServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> })
      res.statusCode = answers.shift() ?? 200
      res.end()
    })
  })
  t = await createTestDeps({ config: { callbackHosts: [`127.0.0.1:${receiver.port}`] } })
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(async () => {
  await t.close()
  await receiver.close()
})

const callAsync = async (flowId: string, body: unknown) => {
  const url = `/hooks/${flowId}?callback_url=${encodeURIComponent(`${receiver.origin}/done`)}`
  const res = await app.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(202)
  return ((await res.json()) as { runId: string }).runId
}

// The probe is awaited: an async probe's promise is never undefined, so without it `until` returned at once.
async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('async webhook callbacks', () => {
  it('are sent for a run that ends after an approval, with the approved result', async () => {
    const flowId = await publishHook(
      t.deps,
      hookFlow({ responseMode: 'async' }, [
        {
          id: 'review',
          type: 'flow.approval',
          config: { title: '稿件', content: '{{ trigger.body.text }}' },
        },
      ]),
    )
    const runId = await callAsync(flowId, { text: '台风今晚登陆' })
    await until(
      async () => (await t.deps.store.listWaitingNodes({ userId: 'x', all: true })).length || undefined,
    )
    // Waiting is not an end: nothing is sent yet.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(deliveries).toEqual([])
    const decided = await callApi(app, 'POST', `/api/approvals/${runId}/review`, {
      headers: owner,
      body: { decision: 'approve', content: '台风今晚登陆浙江' },
    })
    expect(decided.status).toBe(200)
    const [delivery] = await until(() => (deliveries.length > 0 ? deliveries : undefined))
    expect(delivery?.body).toMatchObject({
      type: 'run.finished',
      runId,
      flowId,
      status: 'succeeded',
      output: { decision: 'approved', content: '台风今晚登陆浙江' },
    })
  })

  it('are retried after a refusal with the same message id, then never sent again', async () => {
    const flowId = await publishHook(t.deps, hookFlow({ responseMode: 'async' }, []))
    await callApi(app, 'POST', `/api/flows/${flowId}/webhook-secret`, { headers: owner })
    answers = [503]
    const runId = await callAsync(flowId, { n: 1 })
    await until(() => (deliveries.length >= 2 ? true : undefined))
    expect(deliveries.map((d) => d.body.runId)).toEqual([runId, runId])
    // Signed both times under one message id, so a receiver that got the first can drop the second.
    expect(deliveries[1]?.headers['webhook-id']).toBe(`msg_${runId}`)
    expect(deliveries[0]?.headers['webhook-id']).toBe(deliveries[1]?.headers['webhook-id'])
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await t.deps.callbacks.deliverDue()).toBe(0)
    expect(deliveries).toHaveLength(2)
  })

  it('left by a process that stopped are delivered by the next one', async () => {
    const flowId = await publishHook(t.deps, hookFlow({ responseMode: 'async' }, []))
    // The first process recorded the callback and its run ended, but it stopped before sending.
    await t.deps.callbacks.close()
    await callAsync(flowId, { n: 2 }).catch(() => undefined)
    const [run] = (await t.deps.store.listRuns({ userId: 'x', all: true })).items
    await until(async () =>
      (await t.deps.store.getRun({ userId: 'x', all: true }, run?.id ?? ''))?.status === 'succeeded'
        ? true
        : undefined,
    )
    expect(deliveries).toEqual([])
    const next = createCallbackOutbox({ ...t.deps }, 50)
    next.start()
    try {
      const [delivery] = await until(() => (deliveries.length > 0 ? deliveries : undefined))
      expect(delivery?.body).toMatchObject({ runId: run?.id, status: 'succeeded' })
    } finally {
      await next.close()
    }
  })
})

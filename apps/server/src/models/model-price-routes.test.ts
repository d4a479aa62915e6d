import type { FlowInput } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import type { RunView } from '../runs/run-view.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'
import { createPriceBook } from './price-book.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(() => t.close())

interface PriceView {
  model: string
  cny: { input: number; output: number }
  usd: { input: number; output: number }
  custom: boolean
  builtin: { cny: unknown; usd: unknown } | null
  updatedAt: number | null
}

const list = async (headers = owner) => {
  const res = await callApi(app, 'GET', '/api/model-prices', { headers })
  expect(res.status).toBe(200)
  return (res.body as { items: PriceView[] }).items
}
const put = (body: unknown, headers = owner) => callApi(app, 'PUT', '/api/model-prices', { headers, body })
const reset = (model: string, headers = owner) =>
  callApi(app, 'DELETE', `/api/model-prices?model=${encodeURIComponent(model)}`, { headers })

/** manual trigger → one ai.chat on the default provider (the offline demo model here). */
const chatFlow: FlowInput = {
  schemaVersion: 1,
  name: 'priced',
  nodes: [
    { id: 'start', type: 'trigger.manual', version: 1, config: {} },
    { id: 'ask', type: 'ai.chat', version: 1, config: { prompt: '用一句话介绍东莞。' } },
  ],
  edges: [{ id: 'e', source: 'start', target: 'ask' }],
}

async function runChat(): Promise<RunView> {
  const flow = await callApi(app, 'POST', '/api/flows', { headers: owner, body: chatFlow })
  const started = await callApi(app, 'POST', `/api/flows/${(flow.body as { id: string }).id}/runs`, {
    headers: owner,
    body: { input: {} },
  })
  const { runId } = started.body as { runId: string }
  await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 10_000 })
  return (await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).body as RunView
}

describe('model prices', () => {
  it('lists the built-in prices to every signed-in user, viewers included', async () => {
    const viewer = await createUserWithRole(app, owner, 'viewer')
    const items = await list(viewer.cookie)
    expect(items.find((p) => p.model === 'deepseek-chat')).toEqual({
      model: 'deepseek-chat',
      cny: { input: 2, output: 3 },
      usd: { input: 0.28, output: 0.42 },
      custom: false,
      builtin: { cny: { input: 2, output: 3 }, usd: { input: 0.28, output: 0.42 } },
      updatedAt: null,
    })
    expect(items.map((p) => p.model)).toEqual([...items.map((p) => p.model)].sort())
    expect((await callApi(app, 'GET', '/api/model-prices')).status).toBe(401)
  })

  it('lets the owner override a built-in price, converting the currency not given, and go back to it', async () => {
    const set = await put({ model: 'deepseek-chat', cny: { input: 4, output: 16 } })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({
      model: 'deepseek-chat',
      cny: { input: 4, output: 16 },
      usd: { input: 0.55555556, output: 2.22222222 },
      custom: true,
      builtin: { cny: { input: 2, output: 3 } },
    })
    expect((await list()).find((p) => p.model === 'deepseek-chat')?.custom).toBe(true)
    expect(await t.deps.store.listModelPrices()).toMatchObject([
      { model: 'deepseek-chat', cny: { input: 4, output: 16 } },
    ])

    expect((await reset('deepseek-chat')).status).toBe(204)
    expect((await list()).find((p) => p.model === 'deepseek-chat')).toMatchObject({
      cny: { input: 2, output: 3 },
      custom: false,
    })
    const again = await reset('deepseek-chat')
    expect(again.status).toBe(404)
    expect(again.body).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })

  it('prices a model the table does not know, named with a slash, and forgets it when removed', async () => {
    const model = 'Pro/deepseek-ai/DeepSeek-V3.2'
    expect((await put({ model, usd: { input: 0.27, output: 1.1 } })).status).toBe(200)
    expect((await list()).find((p) => p.model === model)).toMatchObject({
      cny: { input: 1.944, output: 7.92 },
      builtin: null,
      custom: true,
    })
    expect((await reset(model)).status).toBe(204)
    expect((await list()).some((p) => p.model === model)).toBe(false)
  })

  it('takes prices per character read out and per minute transcribed, converted like the rest', async () => {
    const set = await put({ model: 'tts-1', usd: { input: 0, output: 0, speechMillionChars: 16 } })
    expect(set.body).toMatchObject({
      cny: { speechMillionChars: 115.2 },
      usd: { speechMillionChars: 16 },
      builtin: { usd: { speechMillionChars: 15 } },
    })
    const minute = await put({ model: 'whisper-1', cny: { input: 0, output: 0, audioMinute: 0.05 } })
    expect(minute.body).toMatchObject({ cny: { audioMinute: 0.05 }, usd: { audioMinute: 0.00694444 } })
  })

  it('prices an image model by the picture, and charges a run for each picture it draws', async () => {
    const set = await put({ model: 'demo-image', cny: { input: 0, output: 0, image: 0.3 } })
    expect(set.body).toMatchObject({
      cny: { input: 0, output: 0, image: 0.3 },
      usd: { input: 0, output: 0, image: 0.04166667 },
    })
    const flow = await callApi(app, 'POST', '/api/flows', {
      headers: owner,
      body: {
        schemaVersion: 1,
        name: 'poster',
        nodes: [
          { id: 'start', type: 'trigger.manual', version: 1, config: {} },
          { id: 'draw', type: 'ai.image', version: 1, config: { prompt: '松山湖的早晨', n: 2 } },
        ],
        edges: [{ id: 'e', source: 'start', target: 'draw' }],
      },
    })
    const started = await callApi(app, 'POST', `/api/flows/${(flow.body as { id: string }).id}/runs`, {
      headers: owner,
      body: { input: {} },
    })
    const { runId } = started.body as { runId: string }
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 10_000 })
    const run = (await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).body as RunView
    expect(run.status).toBe('succeeded')
    expect(run.usage?.cost).toEqual({ cny: 0.6, usd: 0.08333334 })
  })

  it('refuses bad prices with 400 naming the field, and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ model: 'qwen-plus' }, 'cny'],
      [{ model: 'qwen-plus', cny: { input: -1, output: 2 } }, 'cny.input'],
      [{ model: 'qwen-plus', usd: { input: 1 } }, 'usd.output'],
      [{ model: '  ', cny: { input: 1, output: 2 } }, 'model'],
      [{ model: 'qwen-plus', cny: { input: 1e9, output: 2 } }, 'cny.input'],
      [{ model: 'qwen-plus', cny: { input: 1, output: 2, image: -0.1 } }, 'cny.image'],
    ]
    for (const [body, field] of cases) {
      const res = await put(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      const { issues } = (res.body as { error: { details: { issues: { path: string[] }[] } } }).error.details
      expect(issues.map((i) => i.path.join('.'))).toContain(field)
    }
    expect(await t.deps.store.listModelPrices()).toEqual([])
  })

  it('lets only the owner change prices', async () => {
    for (const role of ['editor', 'viewer'] as const) {
      const user = await createUserWithRole(app, owner, role)
      expect((await put({ model: 'glm-4.5', cny: { input: 1, output: 1 } }, user.bearer)).status).toBe(403)
      expect((await reset('glm-4.5', user.bearer)).status).toBe(403)
    }
    expect(await t.deps.store.listModelPrices()).toEqual([])
  })

  it("charges runs started after a change by the new price, and keeps an earlier run's cost", async () => {
    const free = await runChat()
    expect(free.status).toBe('succeeded')
    expect(free.usage?.cost).toEqual({ cny: 0, usd: 0 })
    const { promptTokens, completionTokens } = free.usage ?? { promptTokens: 0, completionTokens: 0 }
    expect(promptTokens).toBeGreaterThan(0)

    await put({ model: 'demo-chat', cny: { input: 1000, output: 2000 }, usd: { input: 100, output: 200 } })
    const priced = await runChat()
    expect(priced.usage?.promptTokens).toBe(promptTokens)
    expect(priced.usage?.cost).toEqual({
      cny: (promptTokens * 1000 + completionTokens * 2000) / 1e6,
      usd: (promptTokens * 100 + completionTokens * 200) / 1e6,
    })
    const before = await callApi(app, 'GET', `/api/runs/${free.id}`, { headers: owner })
    expect((before.body as RunView).usage?.cost).toEqual({ cny: 0, usd: 0 })
  })

  it('is loaded from the store the way the server starts: stored prices over the built-in table', async () => {
    await put({ model: 'qwen-plus', cny: { input: 0.5, output: 1 } })
    const restarted = createPriceBook(t.deps.models.prices.builtin)
    restarted.load(await t.deps.store.listModelPrices())
    expect(restarted.current()['qwen-plus']).toEqual({
      cny: { input: 0.5, output: 1 },
      usd: { input: 0.06944444, output: 0.13888889 },
    })
    expect(restarted.current()['qwen-max']).toEqual(t.deps.models.prices.builtin['qwen-max'])
  })
})

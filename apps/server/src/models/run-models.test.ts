import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import type { FlowInput } from '@zhiliu/nodes'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createRunServiceFor } from '../runs/create-run-service-for.ts'
import { readSse } from '../runs/read-sse.ts'
import type { RunView } from '../runs/run-view.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps, type TestOverrides } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'
import { createProviderCredential, FAKE_KEY } from './provider-test-kit.ts'

let fake: FakeOpenAI
let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())
afterEach(() => t.close())

async function start(overrides: TestOverrides = {}) {
  t = await createTestDeps(overrides)
  app = createApp(t.deps)
  owner = await setupOwner(app)
}

/** manual trigger → one `ai.chat` node per entry, chained. */
function aiFlow(
  nodes: Record<string, Record<string, unknown>>,
  settings: Record<string, unknown> = {},
): FlowInput {
  const ids = Object.keys(nodes)
  return {
    schemaVersion: 1,
    name: 'AI',
    settings,
    nodes: [
      { id: 'start', type: 'trigger.manual', version: 1, config: {} },
      ...ids.map((id) => ({
        id,
        type: 'ai.chat',
        version: 1,
        config: { prompt: `Question for ${id}`, ...nodes[id] },
      })),
    ],
    edges: ids.map((id, i) => ({ id: `e${i}`, source: i === 0 ? 'start' : (ids[i - 1] ?? ''), target: id })),
  }
}

async function runFlow(document: FlowInput): Promise<string> {
  const flow = await callApi(app, 'POST', '/api/flows', { headers: owner, body: document })
  if (flow.status !== 201) throw new Error(`saving the flow failed: ${JSON.stringify(flow.body)}`)
  const run = await callApi(app, 'POST', `/api/flows/${(flow.body as { id: string }).id}/runs`, {
    headers: owner,
    body: { input: {} },
  })
  return (run.body as { runId: string }).runId
}

async function finished(runId: string): Promise<RunView> {
  await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 10_000 })
  return (await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).body as RunView
}

const chatRequests = () => fake.requests.filter((r) => r.path.endsWith('/chat/completions'))

describe('AI nodes in server runs', () => {
  it('streams answer and reasoning as node.chunk events on separate channels while the run is in progress', async () => {
    await start()
    const provider = await createProviderCredential(app, owner, fake)
    const reasoning = '先算一下：六乘七等于四十二。'
    const answer = '答案是四十二。这个数字在《银河系漫游指南》里也很有名。'
    fake.script({ reasoning, content: answer, chunkDelayMs: 30 })
    const runId = await runFlow(aiFlow({ ask: { provider, model: 'deepseek-reasoner' } }))

    const res = await app.request(`/api/runs/${runId}/events`, { headers: owner })
    const chunks: { channel: string; text: string; at: number }[] = []
    let statusAtFirstChunk = ''
    let finishedAt = 0
    for await (const event of readSse(res)) {
      const data = JSON.parse(event.data) as { chunk?: { channel: string; text: string }; nodeId?: string }
      if (event.event === 'node.chunk' && data.chunk) {
        expect(data.nodeId).toBe('ask')
        if (chunks.length === 0) {
          const run = await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })
          statusAtFirstChunk = (run.body as RunView).status
        }
        chunks.push({ ...data.chunk, at: Date.now() })
      }
      if (event.event === 'run.finished') finishedAt = Date.now()
    }
    const text = (channel: string) =>
      chunks
        .filter((c) => c.channel === channel)
        .map((c) => c.text)
        .join('')
    expect(text('reasoning')).toBe(reasoning)
    expect(text('text')).toBe(answer)
    // Live, not replayed at the end: the run was still running at the first piece, which came well before the end.
    expect(statusAtFirstChunk).toBe('running')
    expect(chunks.length).toBeGreaterThan(10)
    expect(finishedAt - (chunks[0]?.at ?? finishedAt)).toBeGreaterThan(150)

    const run = await finished(runId)
    expect(run.status).toBe('succeeded')
    expect(run.nodes.find((n) => n.nodeId === 'ask')?.output).toMatchObject({
      text: answer,
      reasoning,
      provider: 'deepseek',
      model: 'deepseek-reasoner',
    })
    expect(chatRequests()[0]?.headers.authorization).toBe(`Bearer ${FAKE_KEY}`)
    expect(JSON.stringify(t.logs)).not.toContain(FAKE_KEY)
  })

  it('sums tokens and cost over the nodes in run details, the same after a restart', async () => {
    await start()
    const provider = await createProviderCredential(app, owner, fake)
    fake.script(
      { content: 'one', usage: { prompt_tokens: 1000, completion_tokens: 500 } },
      { content: 'two', usage: { prompt_tokens: 3000, completion_tokens: 1500, reasoning_tokens: 200 } },
      { content: 'three', usage: { prompt_tokens: 10, completion_tokens: 5 } },
    )
    const runId = await runFlow(
      aiFlow({
        first: { provider, model: 'deepseek-chat' },
        second: { provider, model: 'deepseek-chat' },
        local: { provider, model: 'my-finetune' },
      }),
    )
    const run = await finished(runId)
    expect(run.status).toBe('succeeded')
    // deepseek-chat: ¥2 / ¥3 and $0.28 / $0.42 per million input / output tokens.
    const expected = {
      promptTokens: 4010,
      completionTokens: 2005,
      reasoningTokens: 200,
      cost: { cny: (4000 * 2 + 2000 * 3) / 1e6, usd: (4000 * 0.28 + 2000 * 0.42) / 1e6 },
      unpricedModels: ['my-finetune'],
    }
    expect(run.usage).toEqual(expected)

    const runs = createRunServiceFor(t.deps)
    const again = await callApi(createApp({ ...t.deps, runs }), 'GET', `/api/runs/${runId}`, {
      headers: owner,
    })
    await runs.close(0)
    expect((again.body as RunView).usage).toEqual(expected)
  })

  it("stops a run past the flow's token budget with TOKEN_BUDGET_EXCEEDED, before the next call is paid for", async () => {
    await start()
    const provider = await createProviderCredential(app, owner, fake)
    fake.script({ content: 'long answer', usage: { prompt_tokens: 800, completion_tokens: 400 } })
    const runId = await runFlow(aiFlow({ first: { provider }, second: { provider } }, { tokenBudget: 1000 }))
    const run = await finished(runId)
    expect(run.status).toBe('failed')
    expect(run.error).toMatchObject({ code: 'TOKEN_BUDGET_EXCEEDED', nodeId: 'first' })
    expect(run.error?.message).toContain('1,000')
    expect(run.error?.message).toContain('1,200')
    expect(chatRequests()).toHaveLength(1)
  })

  it('counts what the reused results of a re-run already spent against the budget', async () => {
    await start()
    const provider = await createProviderCredential(app, owner, fake)
    const usage = { prompt_tokens: 500, completion_tokens: 300 }
    fake.script(
      { content: 'first', usage },
      { content: 'second', usage: { prompt_tokens: 100, completion_tokens: 100 } },
    )
    const runId = await runFlow(aiFlow({ first: { provider }, second: { provider } }, { tokenBudget: 1500 }))
    expect((await finished(runId)).status).toBe('succeeded')

    // Re-run from the second node: the first one's 800 tokens are copied, not spent again, but they still count.
    fake.script({ content: 'second again', usage })
    const rerun = await callApi(app, 'POST', `/api/runs/${runId}/rerun`, {
      headers: owner,
      body: { fromNodeId: 'second' },
    })
    const again = await finished((rerun.body as { runId: string }).runId)
    expect(again.error).toMatchObject({ code: 'TOKEN_BUDGET_EXCEEDED', nodeId: 'second' })
    expect(again.error?.message).toContain('1,600')
    expect(chatRequests()).toHaveLength(3)
  })

  it('uses the default provider from OPENAI_BASE_URL, OPENAI_API_KEY and ZHILIU_DEFAULT_MODEL for nodes that name none', async () => {
    await start({
      config: { defaultModelProvider: { baseURL: fake.url, apiKey: FAKE_KEY, model: 'qwen-plus' } },
    })
    const run = await finished(await runFlow(aiFlow({ ask: {} })))
    expect(run.status).toBe('succeeded')
    expect(run.nodes.find((n) => n.nodeId === 'ask')?.output).toMatchObject({
      text: 'Fake answer: Question for ask',
      model: 'qwen-plus',
    })
    expect(chatRequests()[0]?.headers.authorization).toBe(`Bearer ${FAKE_KEY}`)
  })

  it("fails a node whose provider credential is someone else's, without calling any model", async () => {
    await start()
    const editor = await createUserWithRole(app, owner, 'editor')
    const theirs = await createProviderCredential(app, editor.cookie, fake)
    // The owner sees every credential in the API, but a run acts for its flow's owner and no one else.
    const runId = await runFlow(aiFlow({ ask: { provider: theirs } }))
    const run = await finished(runId)
    expect(run.error).toMatchObject({ code: 'CREDENTIAL_NOT_FOUND', nodeId: 'ask' })
    expect(chatRequests()).toHaveLength(0)
  })
})

import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import type { FlowInput } from '@zhiliu/nodes'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createProviderCredential, FAKE_KEY } from '../models/provider-test-kit.ts'
import type { RunView } from '../runs/run-view.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps, type TestOverrides } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'

let fake: FakeOpenAI
const machines: TestDeps[] = []
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
afterEach(async () => {
  await Promise.all(machines.splice(0).map((m) => m.close()))
})

/** A Zhiliu of its own: a fresh data directory, database and owner. */
async function machine(overrides: TestOverrides = {}) {
  const t = await createTestDeps(overrides)
  machines.push(t)
  const app = createApp(t.deps)
  const owner: AuthHeaders = await setupOwner(app)
  const api = (method: string, path: string, body?: unknown) =>
    callApi(app, method, path, { headers: owner, body })
  const run = async (flowId: string, input: unknown): Promise<RunView> => {
    const started = await api('POST', `/api/flows/${flowId}/runs`, { input })
    const { runId } = started.body as { runId: string }
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 10_000 })
    return (await api('GET', `/api/runs/${runId}`)).body as RunView
  }
  return { app, owner, api, run }
}

function lessonFlow(provider: string): FlowInput {
  return {
    schemaVersion: 1,
    name: '写一首诗',
    nodes: [
      { id: 'start', type: 'trigger.manual', version: 1, config: {} },
      {
        id: 'poem',
        type: 'ai.chat',
        version: 1,
        config: { provider, model: 'deepseek-chat', prompt: '写一首关于{{ trigger.body.topic }}的短诗' },
      },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'poem' }],
  }
}

describe('lesson packs', () => {
  it('carry flows, sample inputs and recorded answers to a fresh machine with no model, which runs them offline', async () => {
    const home = await machine()
    const provider = await createProviderCredential(home.app, home.owner, fake)
    const created = await home.api('POST', '/api/flows', lessonFlow(provider))
    const flowId = (created.body as { id: string }).id
    const poem = '春风拂柳绿，燕子啄新泥。'
    fake.script({ content: poem, chunkDelayMs: 0 })
    const prepared = await home.run(flowId, { topic: '春天' })
    expect(prepared.status).toBe('succeeded')

    const exported = await home.api('POST', '/api/lesson-packs/export', {
      flowIds: [flowId],
      title: '第一课',
    })
    expect(exported.status).toBe(200)
    expect(exported.res.headers.get('content-disposition')).toContain('attachment')
    const pack = exported.body as { flows: { sampleInput: unknown; answers: { exchanges: object } }[] }
    expect(pack).toMatchObject({ format: 'zhiliu.lesson-pack', version: 1, title: '第一课' })
    expect(pack.flows[0]?.sampleInput).toEqual({ topic: '春天' })
    expect(Object.keys(pack.flows[0]?.answers.exchanges ?? {})).toHaveLength(1)
    // No API key, no credential fields: only the credential's id travels, in the node's config.
    expect(JSON.stringify(pack)).not.toContain(FAKE_KEY)
    expect(JSON.stringify(pack)).not.toContain(fake.origin)

    const requestsAtHome = fake.requests.length
    const classroom = await machine()
    const imported = await classroom.api('POST', '/api/lesson-packs/import', pack)
    expect(imported.status).toBe(201)
    const [flow] = (
      imported.body as { flows: { id: string; sampleInput: unknown; recordedAnswers: number }[] }
    ).flows
    expect(flow).toMatchObject({ name: '写一首诗', sampleInput: { topic: '春天' }, recordedAnswers: 1 })
    // The Run form of the imported flow, on any browser, starts from the pack's sample.
    const opened = await classroom.api('GET', `/api/flows/${flow?.id}`)
    expect(opened.body).toMatchObject({ document: { sampleInput: { topic: '春天' } } })

    const offline = await classroom.run(flow?.id ?? '', flow?.sampleInput)
    expect(offline.status).toBe('succeeded')
    expect(offline.nodes.find((n) => n.nodeId === 'poem')?.output).toMatchObject({
      text: poem,
      provider: 'recording',
      model: 'deepseek-chat',
    })
    expect(fake.requests.length).toBe(requestsAtHome)
  })

  it('refuses a file that is not a lesson pack with 400, naming the field', async () => {
    const { api } = await machine()
    const wrongFormat = await api('POST', '/api/lesson-packs/import', { format: 'zhiliu.run', version: 1 })
    expect(wrongFormat).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } })
    const paths = (wrongFormat.body as { error: { details: { issues: { path: unknown[] }[] } } }).error
      .details.issues
    expect(paths.map((i) => i.path)).toContainEqual(['format'])

    const broken = await api('POST', '/api/lesson-packs/import', {
      format: 'zhiliu.lesson-pack',
      version: 1,
      title: 'x',
      exportedAt: '2026-01-01T00:00:00Z',
      flows: [
        {
          document: { schemaVersion: 1, name: 'x', nodes: 'none', edges: [] },
          answers: { version: 1, exchanges: {} },
        },
      ],
    })
    expect(broken).toMatchObject({
      status: 400,
      body: { error: { details: { issues: [{ path: ['flows', 0, 'document', 'nodes'] }] } } },
    })
  })

  it('takes a pack larger than the request body limit, which recorded answers soon are', async () => {
    const { api } = await machine({ config: { bodyLimitBytes: 2000 } })
    const document = { ...lessonFlow('p'), name: 'x'.repeat(150) }
    const answer = (i: number) => ({
      kind: 'chat',
      request: {},
      response: {
        text: '答'.repeat(500),
        model: 'm',
        provider: 'p',
        usage: { promptTokens: 1, completionTokens: 1 },
      },
      chunks: [],
      recordedAt: `2026-01-01T00:00:0${i}Z`,
    })
    const pack = {
      format: 'zhiliu.lesson-pack',
      version: 1,
      title: 'big',
      exportedAt: '2026-01-01T00:00:00Z',
      flows: [{ document, answers: { version: 1, exchanges: { a: answer(1), b: answer(2) } } }],
    }
    expect(Buffer.byteLength(JSON.stringify(pack))).toBeGreaterThan(2000)
    expect(await api('POST', '/api/flows', { ...document, description: 'y'.repeat(3000) })).toMatchObject({
      status: 413,
    })
    expect(await api('POST', '/api/lesson-packs/import', pack)).toMatchObject({
      status: 201,
      body: { flows: [{ recordedAnswers: 2 }] },
    })
  })
})

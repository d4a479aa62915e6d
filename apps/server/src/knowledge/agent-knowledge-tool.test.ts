import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createProviderCredential } from '../models/provider-test-kit.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'

let fake: FakeOpenAI
let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders

beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(async () => {
  fake.reset()
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(() => t.close())

const POLICY = '新生儿出生后一个月内，由监护人持出生医学证明到户籍窗口申报出生登记。'

/** A knowledge base of one document, indexed (demo embedding: no provider is configured for it). */
async function policyBase(headers: AuthHeaders): Promise<string> {
  const created = await callApi(app, 'POST', '/api/knowledge-bases', { headers, body: { name: '户籍政策' } })
  const kbId = (created.body as { id: string }).id
  const uploaded = await app.request(`/api/knowledge-bases/${kbId}/documents?name=新生儿落户.txt`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body: POLICY,
  })
  expect(uploaded.status).toBe(201)
  for (;;) {
    const listed = await callApi(app, 'GET', `/api/knowledge-bases/${kbId}/documents`, { headers })
    const docs = (listed.body as { documents: { status: string }[] }).documents
    if (docs.every((d) => d.status === 'ready')) return kbId
    expect(docs.some((d) => d.status === 'failed')).toBe(false)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** What the model was sent back for its tool call. */
function toolMessage(request: number): string {
  const body = fake.requests[request]?.body as { messages: { role: string; content: string }[] }
  return body.messages.find((m) => m.role === 'tool')?.content ?? ''
}

async function askAgent(headers: AuthHeaders, kbId: string) {
  const provider = await createProviderCredential(app, headers, fake)
  const flow = await callApi(app, 'POST', '/api/flows', {
    headers,
    body: {
      schemaVersion: 1,
      name: '政策助手',
      nodes: [
        { id: 'trigger', type: 'trigger.manual', version: 1, config: {} },
        {
          id: 'agent',
          type: 'ai.agent',
          version: 1,
          config: {
            provider,
            model: 'deepseek-chat',
            prompt: '{{ trigger.body.question }}',
            sourceTools: [{ source: 'kb', ref: kbId }],
          },
        },
      ],
      edges: [{ id: 'e1', source: 'trigger', target: 'agent' }],
    },
  })
  expect(flow.status).toBe(201)
  const started = await callApi(app, 'POST', `/api/flows/${(flow.body as { id: string }).id}/runs`, {
    headers,
    body: { input: { question: '孩子出生了怎么落户？' } },
  })
  const { runId } = started.body as { runId: string }
  await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 15_000 })
  return (await callApi(app, 'GET', `/api/runs/${runId}`, { headers })).body as { status: string }
}

const searchCall = (kbId: string) => ({
  toolCalls: [
    { id: 'k1', name: `search_${kbId}`.replace(/[^\w-]/g, '_'), arguments: '{"query":"新生儿 落户"}' },
  ],
})

describe('a knowledge base as an agent’s tool', () => {
  it('offers the base as a search tool and gives the model the passages it found, with their document', async () => {
    const kbId = await policyBase(owner)
    fake.script(searchCall(kbId), { content: '一个月内持出生医学证明办理出生登记 [1]。' })
    const run = await askAgent(owner, kbId)
    expect(run.status).toBe('succeeded')
    const offered =
      (fake.requests[0]?.body as { tools?: { function: { name: string } }[] } | undefined)?.tools ?? []
    expect(offered.map((tool) => tool.function.name)).toEqual([`search_${kbId}`.replace(/[^\w-]/g, '_')])
    const passages = JSON.parse(toolMessage(1)) as {
      passages: { n: number; document: string; text: string }[]
    }
    expect(passages.passages[0]).toMatchObject({ n: 1, document: '新生儿落户.txt' })
    expect(passages.passages[0]?.text).toContain('出生医学证明')
  })

  it('does not search another user’s knowledge base: the model is told it was not found', async () => {
    const kbId = await policyBase(owner)
    const colleague = (await createUserWithRole(app, owner, 'editor')).bearer
    fake.script(searchCall(kbId), { content: '没有找到相关政策。' })
    await askAgent(colleague, kbId)
    expect(toolMessage(1)).toMatch(/not found|KNOWLEDGE_BASE_NOT_FOUND/)
    expect(toolMessage(1)).not.toContain('出生医学证明')
  })
})

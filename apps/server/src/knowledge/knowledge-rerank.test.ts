import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { demoRerank } from './demo-rerank.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let fake: FakeOpenAI

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-rerank' })
})
afterAll(async () => {
  await fake.close()
})
beforeEach(async () => {
  // The fake provider listens on loopback, which the outbound guard refuses unless told.
  t = await createTestDeps({ config: { allowHosts: ['127.0.0.1'] } })
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(async () => {
  await t.close()
})

const api = async (method: string, path: string, body?: unknown) => {
  const res = await callApi(app, method, path, { headers: owner, body })
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as Record<string, unknown>
}

/** A knowledge base of the sample policies, with this embedding, once every document is indexed. */
async function samplePolicies(embedding?: Record<string, unknown>) {
  const kb = await api('POST', '/api/knowledge-bases/from-sample', { sample: 'gov-policies', name: '政策' })
  if (embedding) await api('PATCH', `/api/knowledge-bases/${kb.id}`, embedding)
  for (;;) {
    const { documents } = (await api('GET', `/api/knowledge-bases/${kb.id}/documents`)) as {
      documents: { status: string }[]
    }
    if (documents.every((d) => d.status === 'ready')) break
    await new Promise((r) => setTimeout(r, 50))
  }
  return kb
}

const fakeProvider = (apiKey = 'sk-rerank') =>
  api('POST', '/api/credentials', {
    name: 'fake',
    type: 'model-provider',
    data: { preset: 'custom', baseURL: fake.url, apiKey },
  })

/** The fake scores a passage by the share of the question's characters it holds. */
const fakeScore = (query: string, text: string) => {
  const wanted = new Set(query)
  return [...wanted].filter((c) => text.includes(c)).length / wanted.size
}

/** A knowledge base of the sample policies, indexed, searched by a kb.retrieve with these settings. */
async function retrieve(config: Record<string, unknown>, embedding?: Record<string, unknown>) {
  const kb = await samplePolicies(embedding)
  const flow = await api('POST', '/api/flows', {
    schemaVersion: 1,
    name: '重排序',
    nodes: [
      { id: 'trigger', type: 'trigger.manual', version: 1, config: {} },
      {
        id: 'find',
        type: 'kb.retrieve',
        version: 1,
        config: { query: '{{ trigger.body.question }}', knowledgeBases: [kb.id], topK: 3, ...config },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', target: 'find' }],
  })
  const { runId } = (await api('POST', `/api/flows/${flow.id}/runs`, {
    input: { question: '社保卡丢了怎么挂失补办？' },
  })) as { runId: string }
  await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 20_000 })
  const run = (await api('GET', `/api/runs/${runId}`)) as {
    nodes: { nodeId: string; output?: unknown; error?: { code: string } }[]
  }
  const node = run.nodes.find((n) => n.nodeId === 'find')
  return {
    error: node?.error,
    chunks: (node?.output as { chunks: { text: string; heading: string; score: number }[] } | undefined)
      ?.chunks,
  }
}

describe('rerank in kb.retrieve', () => {
  it('offline, orders the passages by the share of the question’s words they hold, as 0–1 scores', async () => {
    const { chunks } = await retrieve({ rerank: true })
    const scores = chunks?.map((c) => c.score) ?? []
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true)
    // The scores are the demo rerank's own, computed from each passage's heading and text.
    const question = '社保卡丢了怎么挂失补办？'
    for (const c of chunks ?? []) expect(c.score).toBe(demoRerank(question, [`${c.heading}\n${c.text}`])[0])
    expect(scores[0]).toBeGreaterThan(0)
  })

  it("calls the provider's /rerank with the candidates and keeps the top K in its order, the threshold on its score", async () => {
    const cred = await api('POST', '/api/credentials', {
      name: 'fake',
      type: 'model-provider',
      data: { preset: 'custom', baseURL: fake.url, apiKey: 'sk-rerank' },
    })
    const before = fake.requests.length
    const { chunks, error } = await retrieve(
      { rerank: true, rerankModel: 'fake-reranker', threshold: 0.1 },
      { embeddingProviderId: cred.id, embeddingModel: 'fake-embed' },
    )
    expect(error).toBeUndefined()
    const calls = fake.requests.slice(before).filter((r) => r.path.endsWith('/rerank'))
    expect(calls).toHaveLength(1)
    const body = calls[0]?.body as { model: string; query: string; documents: string[] }
    expect(body.model).toBe('fake-reranker')
    expect(body.query).toBe('社保卡丢了怎么挂失补办？')
    expect(body.documents.length).toBeGreaterThan(3)
    const expected = body.documents
      .map((d) => fakeScore(body.query, d))
      .filter((s) => s >= 0.1)
      .sort((a, b) => b - a)
      .slice(0, 3)
      .map((s) => Math.round(s * 10_000) / 10_000)
    expect(chunks?.map((c) => c.score)).toEqual(expected)
  })

  it('fails with RERANK_MODEL_MISSING when the provider has no default rerank model and the node names none', async () => {
    const cred = await api('POST', '/api/credentials', {
      name: 'fake',
      type: 'model-provider',
      data: { preset: 'custom', baseURL: fake.url, apiKey: 'sk-rerank' },
    })
    const { error } = await retrieve(
      { rerank: true },
      { embeddingProviderId: cred.id, embeddingModel: 'fake-embed' },
    )
    expect(error?.code).toBe('RERANK_MODEL_MISSING')
  })
})

describe('rerank in the query API (召回测试)', () => {
  const question = '社保卡丢了怎么挂失补办？'

  /** The sample policies embedded through the fake provider, and a query of them with these fields. */
  const fakeBase = async (fields: Record<string, unknown>) => {
    const cred = await fakeProvider()
    const kb = await samplePolicies({ embeddingProviderId: cred.id, embeddingModel: 'fake-embed' })
    const query = (extra: Record<string, unknown>) =>
      callApi(app, 'POST', `/api/knowledge-bases/${kb.id}/query`, {
        headers: owner,
        body: { query: question, ...fields, ...extra },
      })
    return { cred, query }
  }

  it("reorders the search by the provider's /rerank with the named model, its relevance as the score", async () => {
    const { query } = await fakeBase({ topK: 3 })
    const before = fake.requests.length
    const plain = await query({})
    expect(plain.status).toBe(200)
    expect(fake.requests.slice(before).filter((r) => r.path.endsWith('/rerank'))).toHaveLength(0)

    const res = await query({ rerank: true, rerankModel: 'fake-reranker' })
    expect(res.status).toBe(200)
    const calls = fake.requests.slice(before).filter((r) => r.path.endsWith('/rerank'))
    expect(calls).toHaveLength(1)
    const sent = calls[0]?.body as { model: string; documents: string[] }
    expect(sent.model).toBe('fake-reranker')
    const chunks = (res.body as { chunks: { text: string; heading: string | null; score: number }[] }).chunks
    const expected = sent.documents
      .map((d) => Math.round(fakeScore(question, d) * 10_000) / 10_000)
      .sort((a, b) => b - a)
      .slice(0, 3)
    expect(chunks.map((c) => c.score)).toEqual(expected)
    for (const c of chunks) {
      expect(c.score).toBe(
        Math.round(fakeScore(question, `${c.heading ? `${c.heading}\n` : ''}${c.text}`) * 10_000) / 10_000,
      )
    }
  })

  it('answers 422 RERANK_MODEL_MISSING with no model named, and RERANK_FAILED when the provider refuses', async () => {
    const { cred, query } = await fakeBase({ mode: 'keyword', rerank: true })
    const missing = await query({ rerankModel: '' })
    expect(missing.status).toBe(422)
    expect((missing.body as { error: { code: string } }).error.code).toBe('RERANK_MODEL_MISSING')
    // The key goes wrong after indexing: the keyword search still works, the rerank call is refused.
    await api('PUT', `/api/credentials/${cred.id}`, {
      name: 'fake',
      data: { preset: 'custom', baseURL: fake.url, apiKey: 'sk-wrong' },
    })
    const failed = await query({ rerankModel: 'fake-reranker' })
    expect(failed.status).toBe(422)
    expect((failed.body as { error: { code: string } }).error.code).toBe('RERANK_FAILED')
  })
})

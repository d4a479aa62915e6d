import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let fake: FakeOpenAI

const DOCS: Record<string, string> = {
  '居住证办理.md':
    '# 居住证办理\n申请居住证需要提供身份证、居住登记凭证和近期照片。\n符合条件的，公安派出所在十五个工作日内发放居住证。',
  '新生儿落户.txt': '新生儿出生后一个月内，由监护人持出生医学证明到户籍窗口申报出生登记。',
  '社保卡补办.txt': '社会保障卡遗失的，可以到任一合作银行网点挂失并补办，补卡工本费由财政承担。',
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-kb' })
})
afterAll(async () => {
  await fake.close()
})
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(async () => {
  await t.close()
})

const bearerOf = (headers: AuthHeaders) => headers

async function upload(
  headers: AuthHeaders,
  kbId: string,
  name: string,
  text: string,
  type = 'application/octet-stream',
) {
  const res = await app.request(`/api/knowledge-bases/${kbId}/documents?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': type },
    body: text,
  })
  return {
    status: res.status,
    body: (await res.json()) as { id: string; status: string; error?: { code: string } },
  }
}

async function documents(headers: AuthHeaders, kbId: string) {
  const res = await callApi(app, 'GET', `/api/knowledge-bases/${kbId}/documents`, { headers })
  return (
    res.body as {
      documents: Array<{ id: string; name: string; status: string; error: string | null; chunkCount: number }>
    }
  ).documents
}

/** Waits (on the worker's 50 ms poll) until no document is still being processed. */
async function settled(headers: AuthHeaders, kbId: string) {
  for (;;) {
    const docs = await documents(headers, kbId)
    if (docs.every((d) => d.status === 'ready' || d.status === 'failed')) return docs
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function query(headers: AuthHeaders, kbId: string, body: Record<string, unknown>) {
  return callApi(app, 'POST', `/api/knowledge-bases/${kbId}/query`, { headers, body })
}

async function policyBase(headers: AuthHeaders) {
  const created = await callApi(app, 'POST', '/api/knowledge-bases', { headers, body: { name: '政策库' } })
  expect(created.status).toBe(201)
  const kb = created.body as { id: string; demoEmbedding: boolean; embeddingModel: string }
  for (const [name, text] of Object.entries(DOCS)) {
    expect(
      (
        await upload(
          headers,
          kb.id,
          name,
          text,
          name.endsWith('.md') ? 'text/markdown' : 'application/octet-stream',
        )
      ).status,
    ).toBe(201)
  }
  return kb
}

describe('knowledge bases over the API', () => {
  it('indexes uploads with the demo embedding when no provider is set, and finds the right document in every mode', async () => {
    const kb = await policyBase(owner)
    expect(kb.demoEmbedding).toBe(true)
    const docs = await settled(owner, kb.id)
    expect(docs.map((d) => [d.name, d.status])).toEqual(Object.keys(DOCS).map((name) => [name, 'ready']))
    for (const mode of ['hybrid', 'keyword', 'vector']) {
      const res = await query(owner, kb.id, { query: '办理居住证要带哪些材料', topK: 2, mode })
      expect(res.status).toBe(200)
      const { chunks, context } = res.body as {
        chunks: Array<{ document: { name: string }; score: number; text: string }>
        context: string
      }
      expect(chunks[0]?.document.name).toBe('居住证办理.md')
      expect(chunks[0]?.score).toBeGreaterThan(0)
      expect(context.startsWith('[1] 《居住证办理.md》 居住证办理\n')).toBe(true)
    }
    const hybrid = await query(owner, kb.id, { query: '社保卡丢了怎么补办', topK: 3 })
    const first = (
      hybrid.body as {
        chunks: Array<{ keywordRank?: number; vectorRank?: number; document: { name: string } }>
      }
    ).chunks[0]
    expect(first).toMatchObject({
      document: { name: '社保卡补办.txt' },
      keywordRank: 1,
      vectorRank: expect.any(Number),
    })
  })

  it('shows chunks, replaces a re-upload, and removes a deleted document from the results', async () => {
    const kb = await policyBase(owner)
    let docs = await settled(owner, kb.id)
    const card = docs.find((d) => d.name === '社保卡补办.txt')
    const chunks = await callApi(app, 'GET', `/api/knowledge-bases/${kb.id}/documents/${card?.id}/chunks`, {
      headers: owner,
    })
    expect((chunks.body as { chunks: Array<{ text: string }> }).chunks.map((c) => c.text)).toEqual([
      DOCS['社保卡补办.txt'],
    ])

    const again = await upload(
      owner,
      kb.id,
      '社保卡补办.txt',
      '社保卡补办改到线上办理，在小程序提交申请即可。',
    )
    expect(again.body).toMatchObject({ id: card?.id, status: 'parsing' })
    docs = await settled(owner, kb.id)
    expect(docs).toHaveLength(3)
    const found = await query(owner, kb.id, { query: '社保卡补办', topK: 5, mode: 'keyword' })
    expect((found.body as { chunks: Array<{ text: string }> }).chunks.map((c) => c.text)).toContain(
      '社保卡补办改到线上办理，在小程序提交申请即可。',
    )

    const del = await callApi(app, 'DELETE', `/api/knowledge-bases/${kb.id}/documents/${card?.id}`, {
      headers: owner,
    })
    expect(del.status).toBe(204)
    for (const mode of ['keyword', 'vector']) {
      const after = await query(owner, kb.id, { query: '社保卡补办', topK: 5, mode })
      expect(
        (after.body as { chunks: Array<{ document: { name: string } }> }).chunks.map((c) => c.document.name),
      ).not.toContain('社保卡补办.txt')
    }
  })

  it('a failed document says why; other users see neither the knowledge base nor its answers', async () => {
    const kb = await policyBase(owner)
    const pdf = await upload(owner, kb.id, '扫描件.pdf', '%PDF-1.4 not really', 'application/pdf')
    expect(pdf.status).toBe(201)
    const docs = await settled(owner, kb.id)
    expect(docs.find((d) => d.name === '扫描件.pdf')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/PDF/),
    })

    // text/plain is a type a cross-site form can send: with the session cookie it is refused (send octet-stream).
    expect((await upload(owner, kb.id, 'a.txt', 'x', 'text/plain')).body).toMatchObject({
      error: { code: 'CSRF_REJECTED' },
    })
    const refused = await upload(owner, kb.id, 'photo.png', 'x', 'image/png')
    expect(refused).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } })

    const other = await createUserWithRole(app, owner, 'editor')
    expect((await callApi(app, 'GET', '/api/knowledge-bases', { headers: other.bearer })).body).toEqual({
      knowledgeBases: [],
    })
    expect((await query(other.bearer, kb.id, { query: '居住证', topK: 3 })).status).toBe(404)
    expect((await upload(other.bearer, kb.id, 'x.txt', 'x')).status).toBe(404)
    const bad = await query(owner, kb.id, { query: '', topK: 3 })
    expect(bad.status).toBe(400)
  })

  it('changing the embedding model re-indexes every document through the provider /embeddings', async () => {
    const cred = await callApi(app, 'POST', '/api/credentials', {
      headers: owner,
      body: {
        name: 'fake',
        type: 'model-provider',
        data: { preset: 'custom', baseURL: fake.url, apiKey: 'sk-kb' },
      },
    })
    expect(cred.status).toBe(201)
    const kb = await policyBase(owner)
    await settled(owner, kb.id)
    const before = fake.requests.length
    const patched = await callApi(app, 'PATCH', `/api/knowledge-bases/${kb.id}`, {
      headers: owner,
      body: { embeddingProviderId: (cred.body as { id: string }).id, embeddingModel: 'fake-embed' },
    })
    expect(patched.body).toMatchObject({ embeddingModel: 'fake-embed', demoEmbedding: false })
    const docs = await settled(owner, kb.id)
    expect(docs.every((d) => d.status === 'ready')).toBe(true)
    const embedCalls = fake.requests.slice(before).filter((r) => r.path.endsWith('/embeddings'))
    expect(embedCalls.length).toBe(3)
    const res = await query(owner, kb.id, { query: '新生儿出生登记', topK: 1, mode: 'vector' })
    expect((res.body as { chunks: Array<{ document: { name: string } }> }).chunks[0]?.document.name).toBe(
      '新生儿落户.txt',
    )
    expect(fake.requests.at(-1)).toMatchObject({
      path: expect.stringMatching(/\/embeddings$/),
      body: { model: 'fake-embed', input: ['新生儿出生登记'] },
    })
  })

  it('previews the chunks of a file without storing it', async () => {
    const res = await app.request('/api/knowledge-bases/chunk-preview?name=a.md', {
      method: 'POST',
      headers: { ...bearerOf(owner), 'content-type': 'text/markdown' },
      body: '# 一\n甲。\n# 二\n乙。',
    })
    expect(await res.json()).toEqual({
      chunks: [
        { heading: '一', text: '甲。' },
        { heading: '二', text: '乙。' },
      ],
    })
  })
})

describe('the kb.retrieve node', () => {
  const flowWith = (kbId: string) => ({
    schemaVersion: 1,
    name: '问答',
    nodes: [
      { id: 'trigger', type: 'trigger.manual', version: 1, config: {} },
      {
        id: 'find',
        type: 'kb.retrieve',
        version: 1,
        config: { query: '{{ trigger.body.question }}', knowledgeBases: [kbId], topK: 2 },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', target: 'find' }],
  })
  const run = async (headers: AuthHeaders, kbId: string) => {
    const flow = await callApi(app, 'POST', '/api/flows', { headers, body: flowWith(kbId) })
    expect(flow.status).toBe(201)
    const started = await callApi(app, 'POST', `/api/flows/${(flow.body as { id: string }).id}/runs`, {
      headers,
      body: { input: { question: '新生儿怎么落户' } },
    })
    const { runId } = started.body as { runId: string }
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 10_000 })
    return (await callApi(app, 'GET', `/api/runs/${runId}`, { headers })).body as {
      status: string
      nodes: Array<{
        nodeId: string
        output?: { chunks: Array<{ document: { name: string } }>; context: string }
        error?: { code: string }
      }>
    }
  }

  it('gives the chunks with their documents and a numbered context; another user cannot search them', async () => {
    const kb = await policyBase(owner)
    await settled(owner, kb.id)
    const done = await run(owner, kb.id)
    expect(done.status).toBe('succeeded')
    const found = done.nodes.find((n) => n.nodeId === 'find')?.output
    expect(found?.chunks[0]?.document.name).toBe('新生儿落户.txt')
    expect(found?.context).toMatch(/^\[1\] 《新生儿落户.txt》\n/)
    expect(found?.context).toContain('\n\n[2] ')

    const other = await createUserWithRole(app, owner, 'editor')
    const refused = await run(other.bearer, kb.id)
    expect(refused.status).toBe('failed')
    expect(refused.nodes.find((n) => n.nodeId === 'find')?.error?.code).toBe('KNOWLEDGE_BASE_NOT_FOUND')
  })
})

import { readdir } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { SAMPLE_KNOWLEDGE_DIR } from '../paths.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders

beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(async () => {
  await t.close()
})

const fromSample = (headers: AuthHeaders, sample: string, name = '政务服务政策（示例）') =>
  callApi(app, 'POST', '/api/knowledge-bases/from-sample', { headers, body: { sample, name } })

async function settledDocuments(headers: AuthHeaders, kbId: string) {
  for (;;) {
    const res = await callApi(app, 'GET', `/api/knowledge-bases/${kbId}/documents`, { headers })
    const { documents } = res.body as { documents: { name: string; status: string; chunkCount: number }[] }
    if (documents.every((d) => d.status === 'ready' || d.status === 'failed')) return documents
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe("a template's knowledge base from its sample documents", () => {
  it('imports every sample document and indexes it, so the template answers from it at once', async () => {
    const res = await fromSample(owner, 'gov-policies')
    expect(res.status).toBe(201)
    const kb = res.body as { id: string; name: string; demoEmbedding: boolean }
    expect(kb).toMatchObject({ name: '政务服务政策（示例）', demoEmbedding: true })
    const docs = await settledDocuments(owner, kb.id)
    const files = (await readdir(`${SAMPLE_KNOWLEDGE_DIR}gov-policies`))
      .filter((f) => f.endsWith('.md'))
      .sort()
    expect(docs.map((d) => d.name).sort()).toEqual(files)
    expect(docs.every((d) => d.status === 'ready' && d.chunkCount > 0)).toBe(true)
    const found = await callApi(app, 'POST', `/api/knowledge-bases/${kb.id}/query`, {
      headers: owner,
      body: { query: '居住证怎么办理？需要带什么材料？', topK: 1 },
    })
    expect((found.body as { chunks: { document: { name: string } }[] }).chunks[0]?.document.name).toBe(
      '居住证办理指南.md',
    )
  })

  it("reuses the caller's base made from that sample instead of importing twice, but never another user's", async () => {
    const first = (await fromSample(owner, 'news-articles', '本报报道（示例）')).body as { id: string }
    const again = await fromSample(owner, 'news-articles', '本报报道（示例）')
    expect(again.status).toBe(200)
    expect((again.body as { id: string }).id).toBe(first.id)
    expect(await settledDocuments(owner, first.id)).toHaveLength(5)

    const student = (await createUserWithRole(app, owner, 'student')).bearer
    const theirs = await fromSample(student, 'news-articles', '本报报道（示例）')
    expect(theirs.status).toBe(201)
    expect((theirs.body as { id: string }).id).not.toBe(first.id)
  })

  it('finds it again by the sample it came from: renamed, it is reused; a base of the same name not from it is not', async () => {
    const mine = (
      await callApi(app, 'POST', '/api/knowledge-bases', { headers: owner, body: { name: '政策' } })
    ).body as { id: string }
    const made = await fromSample(owner, 'gov-policies', '政策')
    expect(made.status).toBe(201)
    const sampled = made.body as { id: string; sample: string | null }
    expect(sampled.id).not.toBe(mine.id)
    expect(sampled.sample).toBe('gov-policies')
    await callApi(app, 'PATCH', `/api/knowledge-bases/${sampled.id}`, {
      headers: owner,
      body: { name: '我的政策库' },
    })
    const again = await fromSample(owner, 'gov-policies', '政策')
    expect(again.status).toBe(200)
    expect(again.body as { id: string; name: string }).toMatchObject({ id: sampled.id, name: '我的政策库' })
    // Another sample is another base, whatever the name.
    expect((await fromSample(owner, 'news-articles', '我的政策库')).status).toBe(201)
  })

  it('answers 404 for a sample that does not exist and 400 for a name that is not a folder name', async () => {
    expect((await fromSample(owner, 'no-such-sample')).status).toBe(404)
    expect((await fromSample(owner, '../gov-policies')).status).toBe(400)
  })
})

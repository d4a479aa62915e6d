import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import type { Flow } from '@zhiliu/nodes'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createProviderCredential } from '../models/provider-test-kit.ts'
import { readAllSse } from '../runs/read-sse.ts'
import { chainFlow, ownerAccess, storeFlow } from '../runs/test-kit.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'

let fake: FakeOpenAI
let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let provider: string
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(async () => {
  fake.reset()
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
  provider = await createProviderCredential(app, owner, fake)
})
afterEach(() => t.close())

const PASSAGES = [
  {
    text: '本报讯：市图书馆新馆 5 月 1 日开放，周一闭馆。',
    score: 0.9,
    document: '图书馆新馆开放.md',
    chunkId: 'a1',
  },
  { text: '地铁 3 号线延长线年底通车，新增 6 座车站。', score: 0.7, document: '地铁新线.md', chunkId: 'b1' },
]

/** trigger.chat → a stand-in for kb.retrieve (its output shape) → ai.chat with the trigger's history. */
function chatFlow(settings: Record<string, unknown> = {}): Flow {
  return chainFlow(
    [
      { id: 'trigger', type: 'trigger.chat', config: { slug: 'reader-qa', historyTurns: 2, ...settings } },
      { id: 'search', type: 'data.set', config: { fields: [{ name: 'chunks', value: PASSAGES }] } },
      {
        id: 'answer',
        type: 'ai.chat',
        config: {
          provider,
          model: 'deepseek-chat',
          systemPrompt: '只根据资料回答。',
          prompt: '{{ trigger.message }}',
          history: '{{ trigger.history }}',
        },
      },
    ],
    '读者问答',
  )
}

async function publish(document: Flow) {
  const flow = await storeFlow(t.deps, await ownerAccess(t.deps), document, {
    publish: true,
    webhookPath: 'reader-qa',
  })
  return flow.id
}

async function ask(body: Record<string, unknown>, slug = 'reader-qa') {
  const res = await app.request(`/api/chat/${slug}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (res.status !== 200) return { status: res.status, error: await res.json(), events: [] }
  const events = (await readAllSse(res)).map((e) => ({ event: e.event, data: JSON.parse(e.data) }))
  const done = events.find((e) => e.event === 'done')?.data as
    | { conversationId: string; turnId: string; answer: string; citations: unknown[] }
    | undefined
  return { status: res.status, events, done }
}

/** Who said what in a model request (the DeepSeek preset adds an empty `reasoning_content` to assistant turns). */
const sentMessages = (index: number) =>
  (fake.bodyOf(index) as { messages: { role: string; content: string }[] }).messages.map(
    ({ role, content }) => ({
      role,
      content,
    }),
  )

describe('the chat API', () => {
  it('streams the answer, remembers the last N turns of the conversation for the model, and cites the passages', async () => {
    await publish(chatFlow())
    fake.script(
      { content: '新馆 5 月 1 日开放[1]。' },
      { content: '周一闭馆[1]。' },
      { content: '年底通车[2]。' },
    )

    const first = await ask({ message: '图书馆什么时候开？' })
    expect(first.status).toBe(200)
    expect(first.events[0]).toMatchObject({ event: 'start' })
    expect(
      first.events
        .filter((e) => e.event === 'delta')
        .map((e) => e.data.text)
        .join(''),
    ).toBe('新馆 5 月 1 日开放[1]。')
    expect(first.done).toMatchObject({ answer: '新馆 5 月 1 日开放[1]。', citations: PASSAGES })
    const conversationId = first.done?.conversationId
    expect(sentMessages(-1)).toEqual([
      { role: 'system', content: '只根据资料回答。' },
      { role: 'user', content: '图书馆什么时候开？' },
    ])

    await ask({ message: '哪天闭馆？', conversationId })
    expect(sentMessages(-1)).toEqual([
      { role: 'system', content: '只根据资料回答。' },
      { role: 'user', content: '图书馆什么时候开？' },
      { role: 'assistant', content: '新馆 5 月 1 日开放[1]。' },
      { role: 'user', content: '哪天闭馆？' },
    ])

    // Two turns remembered: the third question's history starts again from the second.
    const third = await ask({ message: '地铁呢？', conversationId })
    expect(sentMessages(-1)).toEqual([
      { role: 'system', content: '只根据资料回答。' },
      { role: 'user', content: '图书馆什么时候开？' },
      { role: 'assistant', content: '新馆 5 月 1 日开放[1]。' },
      { role: 'user', content: '哪天闭馆？' },
      { role: 'assistant', content: '周一闭馆[1]。' },
      { role: 'user', content: '地铁呢？' },
    ])
    expect(third.done?.conversationId).toBe(conversationId)

    // A new conversation starts with no history.
    fake.script({ content: '你好' })
    await ask({ message: '你好' })
    expect(sentMessages(-1)).toHaveLength(2)
  })

  it('shows the public settings without the access code, and asks for the code when one is set', async () => {
    await publish(
      chatFlow({
        title: '读者问答',
        opening: '你好！',
        suggestions: '新馆几点开？\n\n地铁哪天通车？',
        accessCode: 'news2026',
      }),
    )
    const settings = await callApi(app, 'GET', '/api/chat/reader-qa')
    expect(settings.body).toEqual({
      title: '读者问答',
      opening: '你好！',
      suggestions: ['新馆几点开？', '地铁哪天通车？'],
      accessCode: true,
    })
    expect(JSON.stringify(settings.body)).not.toContain('news2026')

    expect(await ask({ message: '问题' })).toMatchObject({
      status: 401,
      error: { error: { code: 'CHAT_ACCESS_CODE' } },
    })
    expect(await ask({ message: '问题', accessCode: 'wrong' })).toMatchObject({ status: 401 })
    expect(fake.requests).toHaveLength(0)
    fake.script({ content: '答' })
    expect((await ask({ message: '问题', accessCode: 'news2026' })).done?.answer).toBe('答')
  })

  it('refuses a visitor past the per-minute limit with 429 before any run starts', async () => {
    await publish(chatFlow({ perVisitorPerMinute: 2 }))
    fake.script({ content: '一' }, { content: '二' })
    expect((await ask({ message: '1' })).status).toBe(200)
    expect((await ask({ message: '2' })).status).toBe(200)
    const third = await ask({ message: '3' })
    expect(third).toMatchObject({ status: 429, error: { error: { code: 'CHAT_RATE_LIMITED' } } })
    expect(fake.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(2)
  })

  it('answers 404 for an unpublished app, an unknown slug and a flow that is not a chat app', async () => {
    await storeFlow(t.deps, await ownerAccess(t.deps), chatFlow(), { webhookPath: 'reader-qa' })
    expect((await ask({ message: '在吗' })).status).toBe(404)
    expect((await ask({ message: '在吗' }, 'nobody')).status).toBe(404)
    const hook = await storeFlow(
      t.deps,
      await ownerAccess(t.deps),
      chainFlow([{ id: 'trigger', type: 'trigger.webhook', config: { path: 'orders' } }]),
      { publish: true, webhookPath: 'orders' },
    )
    expect((await ask({ message: '在吗' }, 'orders')).status).toBe(404)
    expect((await ask({ message: '在吗' }, hook.id)).status).toBe(404)
  })

  it('tells the visitor only that the answer failed; the reason stays in the run history', async () => {
    await publish(chatFlow())
    fake.script({ fault: 'bad_key' })
    const failed = await ask({ message: '在吗' })
    const error = failed.events.find((e) => e.event === 'error')
    expect(error?.data).toMatchObject({ code: 'CHAT_FAILED' })
    expect(JSON.stringify(failed.events)).not.toMatch(/key|deepseek|127\.0\.0\.1/i)
  })
})

describe('conversations for the owner', () => {
  it('lists conversations with their turns and the thumbs readers gave', async () => {
    const id = await publish(chatFlow())
    fake.script({ content: '甲' }, { content: '乙' })
    const first = await ask({ message: '问一' })
    const conversationId = first.done?.conversationId
    const second = await ask({ message: '问二', conversationId })
    const rate = (turnId: string | undefined, rating: string | null, cid = conversationId) =>
      callApi(app, 'POST', '/api/chat/reader-qa/feedback', { body: { conversationId: cid, turnId, rating } })
    expect((await rate(first.done?.turnId, 'up')).status).toBe(204)
    expect((await rate(second.done?.turnId, 'down')).status).toBe(204)
    expect((await rate(second.done?.turnId, 'up', 'another-conversation')).status).toBe(404)

    const list = await callApi(app, 'GET', `/api/flows/${id}/conversations`, { headers: owner })
    expect(list.body).toEqual({
      items: [
        expect.objectContaining({
          conversationId,
          firstQuestion: '问一',
          turns: 2,
          thumbsUp: 1,
          thumbsDown: 1,
        }),
      ],
    })
    const turns = await callApi(app, 'GET', `/api/flows/${id}/conversations/${conversationId}`, {
      headers: owner,
    })
    expect(turns.body).toMatchObject({
      items: [
        { question: '问一', answer: '甲', rating: 1, citations: PASSAGES },
        { question: '问二', answer: '乙', rating: -1 },
      ],
    })
    // Not public: the list needs a signed-in owner.
    expect((await callApi(app, 'GET', `/api/flows/${id}/conversations`)).status).toBe(401)
  })
})

describe('the chat page', () => {
  it('is the server’s own page, framable by other sites, with script from this server only', async () => {
    const res = await app.request('/chat/reader-qa')
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain('frame-ancestors *')
    expect(csp).not.toContain("unsafe-inline'; script")
    expect(res.headers.get('x-frame-options')).toBeNull()
    expect(await res.text()).not.toMatch(/<script>/)
    // The editor is not framable.
    expect((await app.request('/')).headers.get('content-security-policy')).toContain(
      "frame-ancestors 'none'",
    )
    const widget = await app.request('/chat-widget.js')
    expect(widget.headers.get('content-type')).toContain('javascript')
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
  })
})

import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createMemoryRunStore, type RunServices, runFlow } from '@zhiliu/engine'
import { Flow, type FlowInput, NodeError, type SecretReader } from '@zhiliu/nodes'
import { XMLValidator } from 'fast-xml-parser'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type FakeSmtp, startFakeSmtp } from '../test-support/start-fake-smtp.ts'
import { createPublisher, filesRoot } from './create-publisher.ts'

const LOGIN = { user: 'desk', password: 'smtp-secret-9' }
let smtp: FakeSmtp
let t: TestDeps
let ownerId = ''
beforeAll(async () => {
  smtp = await startFakeSmtp(LOGIN)
})
afterAll(() => smtp.close())
beforeEach(async () => {
  smtp.received.length = 0
  smtp.answers.length = 0
  t = await createTestDeps({ config: { allowHosts: ['127.0.0.1'] } })
  ownerId = (await t.deps.store.createUser({ email: 'desk@example.com', passwordHash: 'x', role: 'editor' }))
    .id
})
afterEach(() => t.close())

/** press release → page → feed item linking to it → Markdown file → e-mail to the desk. */
const flow = (): Flow => {
  const input: FlowInput = {
    schemaVersion: 1,
    name: '通稿发布',
    nodes: [
      { id: 'start', type: 'trigger.manual', version: 1, config: {} },
      {
        id: 'page',
        type: 'publish.page',
        version: 1,
        config: { title: '{{ trigger.body.title }}', body: '{{ trigger.body.text }}' },
      },
      {
        id: 'feed',
        type: 'publish.feed',
        version: 1,
        config: {
          feed: 'news',
          title: '{{ trigger.body.title }}',
          link: '{{ nodes.page.url }}',
          content: '{{ trigger.body.text }}',
        },
      },
      {
        id: 'file',
        type: 'publish.file',
        version: 1,
        config: { folder: '稿件', filename: '{{ nodes.page.slug }}', content: '{{ trigger.body.text }}' },
      },
      {
        id: 'mail',
        type: 'publish.email',
        version: 1,
        config: {
          credential: 'smtp-1',
          to: 'editor@dg.example.cn',
          subject: '已发布：{{ trigger.body.title }}',
          text: '{{ nodes.page.url }}',
        },
      },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'page' },
      { id: 'e2', source: 'page', target: 'feed' },
      { id: 'e3', source: 'page', target: 'file' },
      { id: 'e4', source: 'page', target: 'mail' },
    ],
  }
  return Flow.parse(input)
}

const secrets: SecretReader = {
  async get(id, type) {
    if (id !== 'smtp-1' || type !== 'smtp') throw new NodeError('CREDENTIAL_NOT_FOUND', 'no such credential')
    return {
      host: '127.0.0.1',
      port: String(smtp.port),
      secure: 'none',
      ...LOGIN,
      from: 'news@dg.example.cn',
    }
  },
}

/** One execution of the run `runId`, as a fresh process would resume it with none of its results recorded. */
const run = (runId = 'run_press_1') => {
  const services: RunServices = {
    secrets,
    publish: createPublisher(t.deps, { ownerId }),
    // Retries back off without waiting, so a retried step is tested in real time.
    clock: { now: Date.now, sleep: async () => {} },
  }
  return runFlow({
    flow: flow(),
    runId,
    store: createMemoryRunStore(),
    event: { body: { title: '暴雨预警', text: '## 今晚\n\n全市**暴雨**。<script>alert(1)</script>' } },
    services,
  })
}

describe('the publish nodes in a run', () => {
  it('publish a page, a feed item, a file and an e-mail, all readable where they landed', async () => {
    const result = await run()
    expect(result.error ?? result.steps.filter((s) => s.error)).toEqual([])
    expect(result.status).toBe('succeeded')
    const app = createApp(t.deps)
    const page = await app.request('/p/暴雨预警')
    expect(page.status).toBe(200)
    expect(await page.text()).not.toContain('<script>')
    const rss = await (await app.request('/feeds/news.xml')).text()
    expect(XMLValidator.validate(rss)).toBe(true)
    // Without ZHILIU_PUBLIC_URL the page reports a path; the feed makes it absolute with its own address.
    expect(rss).toContain('<link>http://localhost/p/%E6%9A%B4%E9%9B%A8%E9%A2%84%E8%AD%A6</link>')
    expect(await readFile(join(filesRoot(t.dataDir), '稿件', '暴雨预警.md'), 'utf8')).toContain(
      '全市**暴雨**',
    )
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0]?.headers.subject).toBe('已发布：暴雨预警')
  })

  it('publish nothing twice when the run is resumed and every step runs again with the same keys', async () => {
    await run()
    const resumed = await run()
    expect(resumed.status).toBe('succeeded')
    const outputs = Object.fromEntries(resumed.steps.map((s) => [s.key, s.output]))
    for (const node of ['page', 'feed', 'file', 'mail'])
      expect(outputs[node]).toMatchObject({ duplicate: true })
    expect(smtp.received).toHaveLength(1)
    expect((await t.deps.store.getFeed('news'))?.items).toHaveLength(1)
    expect(await readdir(join(filesRoot(t.dataDir), '稿件'))).toEqual(['暴雨预警.md'])
    // A new run is a new publication: it adds an item and sends again.
    await run('run_press_2')
    expect(smtp.received).toHaveLength(2)
    expect((await t.deps.store.getFeed('news'))?.items).toHaveLength(2)
  })

  it('deliver the e-mail once when the mail server asked to retry', async () => {
    smtp.answers.push({ code: 421, message: 'Too busy, try later' })
    const result = await run()
    expect(result.status).toBe('succeeded')
    expect(result.steps.find((s) => s.key === 'mail')).toMatchObject({ attempts: 2 })
    expect(smtp.received).toHaveLength(1)
  })
})

import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { type FakeBot, startFakeDingtalk, startFakeWecom } from '@zhiliu/fake-im'
import { DEMO_RECEIVER } from '@zhiliu/nodes'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createGuardedFetch } from '../outbound/create-guarded-fetch.ts'
import { createRunServiceFor } from '../runs/create-run-service-for.ts'
import type { RunService } from '../runs/run-service.ts'
import type { RunView } from '../runs/run-view.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { type FakeSmtp, startFakeSmtp } from '../test-support/start-fake-smtp.ts'

// The templates in templates/ that publish, run the way a user runs them: imported through the API, the send
// step's credential chosen, started with the sample input on the demo model, approved in the inbox. What the fake
// DingTalk, WeCom and mail servers received is what a group or a mailbox would have shown.

interface Template {
  slug: string
  sampleInput: Record<string, string>
  knowledgeBases?: { sample: string; name: { 'zh-CN': string } }[]
  flow: { nodes: { id: string; type: string; config: Record<string, unknown> }[] }
}

const templatesDir = resolve(import.meta.dirname, '../../../../templates')
const readTemplate = async (slug: string): Promise<Template> =>
  JSON.parse(await readFile(join(templatesDir, `${slug}.json`), 'utf8')) as Template

const LOGIN = { user: 'notices', password: 'smtp-secret-7' }
const DINGTALK_SECRET = 'SECfake0123456789abcdef'
let dingtalk: FakeBot
let wecom: FakeBot
let smtp: FakeSmtp
beforeAll(async () => {
  ;[dingtalk, wecom, smtp] = await Promise.all([
    startFakeDingtalk({ secret: DINGTALK_SECRET }),
    startFakeWecom(),
    startFakeSmtp(LOGIN),
  ])
})
afterAll(() => Promise.all([dingtalk.close(), wecom.close(), smtp.close()]))

let t: TestDeps
let runs: RunService
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  dingtalk.reset()
  wecom.reset()
  smtp.received.length = 0
  // The fakes listen on loopback, which the outbound guard (for the bots) and the mail sender refuse unless told.
  const allowHosts = ['127.0.0.1']
  t = await createTestDeps({ config: { allowHosts } })
  runs = createRunServiceFor(t.deps, { fetch: createGuardedFetch({ allowHosts }) })
  app = createApp({ ...t.deps, runs })
  owner = await setupOwner(app)
})
afterEach(async () => {
  await runs.close(0)
  await t.close()
})

const api = async (method: string, path: string, body?: unknown) => {
  const res = await callApi(app, method, path, { headers: owner, body })
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as Record<string, unknown>
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await read()
    if (done(value)) return value
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('timed out waiting')
}

const settled = (runId: string) =>
  until(
    async () => (await api('GET', `/api/runs/${runId}`)) as unknown as RunView,
    (run) => run.status !== 'queued' && run.status !== 'running',
  )

const credentials = {
  'dingtalk.bot': () => ({ webhookUrl: dingtalk.url, secret: DINGTALK_SECRET }),
  'wecom.bot': () => ({ webhookUrl: wecom.url }),
  smtp: () => ({
    host: smtp.host,
    port: String(smtp.port),
    secure: 'none',
    ...LOGIN,
    from: '恒拓市场部 <marketing-bot@example.com>',
  }),
}
type CredentialType = keyof typeof credentials

/**
 * Imports the template, checks the editor would ask for the send step's credential, chooses one made for the fake
 * server, runs the sample input up to the approval and returns the waiting run with its approval request.
 */
/** As "New flow" does: each sample knowledge base the template names is made (and indexed), and its id put in. */
async function withKnowledgeBases(template: Template): Promise<Template['flow']> {
  let text = JSON.stringify(template.flow)
  for (const { sample, name } of template.knowledgeBases ?? []) {
    const kb = await api('POST', '/api/knowledge-bases/from-sample', { sample, name: name['zh-CN'] })
    await until(
      async () =>
        (await api('GET', `/api/knowledge-bases/${kb.id}/documents`)).documents as { status: string }[],
      (docs) => docs.every((d) => d.status === 'ready'),
    )
    text = text.replaceAll(`"sample:${sample}"`, JSON.stringify(kb.id))
  }
  return JSON.parse(text) as Template['flow']
}

async function importAndRun(slug: string, send?: { node: string; type: CredentialType | 'demo' }) {
  const template = await readTemplate(slug)
  const flowId = (await api('POST', '/api/flows/import', await withKnowledgeBases(template))).id as string
  if (send) {
    const check = await api('POST', `/api/flows/${flowId}/validate`)
    expect(check).toMatchObject({
      ok: false,
      problems: [{ code: 'CREDENTIAL_NOT_CHOSEN', nodeId: send.node, severity: 'error' }],
    })
    const credential =
      send.type === 'demo'
        ? { id: DEMO_RECEIVER }
        : await api('POST', '/api/credentials', {
            name: `${slug} 测试`,
            type: send.type,
            data: credentials[send.type](),
          })
    const flow = (await api('GET', `/api/flows/${flowId}`)) as { document: Template['flow'] }
    const node = flow.document.nodes.find((n) => n.id === send.node)
    if (!node) throw new Error(`no node ${send.node}`)
    node.config.credential = credential.id
    await api('PUT', `/api/flows/${flowId}`, flow.document)
  }
  expect(await api('POST', `/api/flows/${flowId}/validate`)).toMatchObject({ ok: true })
  const { runId } = (await api('POST', `/api/flows/${flowId}/runs`, { input: template.sampleInput })) as {
    runId: string
  }
  const waiting = await settled(runId)
  expect(waiting.status, JSON.stringify(waiting.error)).toBe('waiting')
  const inbox = (await api('GET', '/api/approvals')) as { items: { runId: string; content: string }[] }
  const request = inbox.items.find((item) => item.runId === runId)
  if (!request) throw new Error('the run waits, but its approval is not in the inbox')
  return { template, runId, request }
}

async function approve(runId: string, edit?: { content: string }): Promise<RunView> {
  await api('POST', `/api/approvals/${runId}/review`, { decision: 'approve', ...edit })
  const run = await settled(runId)
  expect(run.status, JSON.stringify(run.error ?? run.nodes.filter((n) => n.error))).toBe('succeeded')
  return run
}

const outputOf = (run: RunView, key: string) => run.nodes.find((n) => n.key === key)?.output as never

describe('templates that publish, imported and approved on the server', () => {
  it('物业通知 posts the notice as approved, edits included, to the residents’ DingTalk group, signed', async () => {
    const { runId, request } = await importAndRun('property-notice', { node: 'send', type: 'dingtalk.bot' })
    expect(request.content).toMatch(/^### 关于星河湾花园3栋、5栋9月6日停水的通知\n/)
    expect(dingtalk.requests).toHaveLength(0)
    // The manager adds a line before approving: the group gets the notice as approved, not as drafted.
    const edited = request.content.replace('敬请谅解！', '敬请谅解！停水期间小区东门设临时供水点。')
    expect(edited).not.toBe(request.content)
    await approve(runId, { content: edited })
    expect(dingtalk.delivered).toEqual([
      {
        msgtype: 'markdown',
        markdown: { title: '关于星河湾花园3栋、5栋9月6日停水的通知', text: edited },
      },
    ])
    expect(dingtalk.requests[0]?.query.sign).toBeTruthy()
  })

  it('多平台分发 posts the four approved versions to the WeCom group as one Markdown message', async () => {
    const { template, runId, request } = await importAndRun('multi-platform', {
      node: 'send',
      type: 'wecom.bot',
    })
    const run = await approve(runId)
    const account = template.sampleInput.account
    expect(wecom.delivered).toEqual([
      {
        msgtype: 'markdown',
        markdown: {
          content: `**${account}｜多平台稿件已审核**，请各平台编辑按下面的版本发布。\n\n${request.content}`,
        },
      },
    ])
    expect(outputOf(run, 'send')).toMatchObject({ platform: 'wecom' })
  })

  it('制造业产品营销 mails both approved copies to the marketing and export teams', async () => {
    const { template, runId, request } = await importAndRun('product-marketing', {
      node: 'mail',
      type: 'smtp',
    })
    const run = await approve(runId)
    expect(smtp.received).toHaveLength(1)
    const mail = smtp.received[0]
    expect(mail?.headers.subject).toBe(`【营销文案】${template.sampleInput.product}：国内版和出口版`)
    expect(mail?.rcptTo).toEqual(['marketing@example.com', 'export@example.com'])
    expect(mail?.user).toBe(LOGIN.user)
    const text = mail?.text?.replace(/\r\n/g, '\n')
    expect(text).toMatch(/^各位同事：/)
    expect(text).toContain(request.content)
    expect(outputOf(run, 'mail')).toMatchObject({ accepted: mail?.rcptTo, duplicate: false })
    expect(run.nodes.find((n) => n.key === 'rework')?.status).toBe('skipped')
  })

  it('多平台分发 and 制造业产品营销 run to the end offline with the demo receiver: shown in Zhiliu, nothing sent', async () => {
    const wecomRun = await importAndRun('multi-platform', { node: 'send', type: 'demo' })
    await approve(wecomRun.runId)
    const mailRun = await importAndRun('product-marketing', { node: 'mail', type: 'demo' })
    const run = await approve(mailRun.runId)
    expect(wecom.delivered).toEqual([])
    expect(smtp.received).toEqual([])
    const { items } = (await api('GET', '/api/demo-messages')) as {
      items: { runId: string; channel: string; title: string; body: string; format: string }[]
    }
    expect(items.map((m) => [m.runId, m.channel, m.format])).toEqual([
      [mailRun.runId, 'email', 'text'],
      [wecomRun.runId, 'wecom', 'markdown'],
    ])
    expect(items[0]?.title).toBe(`【营销文案】${mailRun.template.sampleInput.product}：国内版和出口版`)
    expect(items[0]?.body).toContain(mailRun.request.content)
    expect(items[1]?.body).toContain(wecomRun.request.content)
    expect(outputOf(run, 'mail')).toMatchObject({ platform: 'email', rejected: [], duplicate: false })
    expect((await api('GET', '/api/demo-messages?limit=1')).items).toHaveLength(1)
  })

  it('通稿改写 publishes the approved article as a page and adds it to the news feed', async () => {
    const { runId, request } = await importAndRun('press-release-rewrite')
    const run = await approve(runId)
    const page = outputOf(run, 'page') as { url: string; slug: string }
    const headline = request.content.split('\n')[0]?.replace(/^# /, '') ?? ''
    expect(headline).toContain('松山湖')
    const html = await (await app.request(`/p/${encodeURIComponent(page.slug)}`)).text()
    expect(html).toContain(headline)
    expect(html).toContain('日均可服务乘客约8000人次')
    const rss = await (await app.request('/feeds/news.xml')).text()
    expect(rss).toContain(`<title>${headline}</title>`)
    expect(rss).toContain(page.url)
  })

  it('政务服务问答 drafts from the policy passages of its knowledge base and turns the approved answer into the formal reply', async () => {
    const { runId, request } = await importAndRun('gov-service-qa')
    const waiting = (await api('GET', `/api/runs/${runId}`)) as unknown as RunView
    const retrieved = waiting.nodes.find((n) => n.nodeId === 'policies')?.output as {
      chunks: { document: { name: string } }[]
    }
    expect(retrieved.chunks[0]?.document.name).toBe('居住证办理指南.md')
    const run = await approve(runId)
    const reply = (run.output as { text: string }).text
    expect(reply).toMatch(/^陈女士：\n\n您好！您咨询的“户籍与居住证”事项答复如下：/)
    expect(reply).toContain(request.content)
    expect(reply).toMatch(/东莞市政务服务中心$/)
  })
})

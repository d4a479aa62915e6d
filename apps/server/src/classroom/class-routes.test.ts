import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner, signIn } from '../test-support/sign-in.ts'
import { deriveLogin } from './derive-login.ts'
import { parseRoster } from './parse-roster.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(() => t.close())

type Account = { id: string; name: string; login: string; password: string }
const addClass = (text: string, headers = owner) =>
  callApi(app, 'POST', '/api/class/accounts', { headers, body: { text } })
const accountsOf = (res: { body: unknown }) => (res.body as { accounts: Account[] }).accounts

describe('reading a pasted class list', () => {
  it('takes tab, comma or Chinese-comma separated lines and quoted CSV cells, skips blanks and a header, keeps line numbers', () => {
    expect(
      parseRoster(
        '\uFEFF姓名,邮箱\r\n张伟\n\n李雷\tlilei@example.com\n"Han, ""Meimei""",hm@example.com\n韩梅梅，hmm@example.com ',
      ),
    ).toEqual([
      { line: 2, name: '张伟' },
      { line: 4, name: '李雷', email: 'lilei@example.com' },
      { line: 5, name: 'Han, "Meimei"', email: 'hm@example.com' },
      { line: 6, name: '韩梅梅', email: 'hmm@example.com' },
    ])
  })

  it('makes logins from Latin letters, numbering repeats, and student1, student2… for other names', () => {
    const taken = new Set(['li.lei'])
    expect(['Li Lei', 'Zoë  Wang', '张伟', '王芳', 'Li-Lei'].map((n) => deriveLogin(n, taken))).toEqual([
      'li.lei2',
      'zoe.wang',
      'student1',
      'student2',
      'li.lei3',
    ])
  })
})

describe('creating class accounts', () => {
  it('creates one student per line with a generated password shown once, each able to sign in', async () => {
    const res = await addClass('姓名,邮箱\n张伟\nLi Lei\n韩梅梅,HanMM@example.com')
    expect(res.status).toBe(201)
    const accounts = accountsOf(res)
    expect(accounts.map((a) => [a.name, a.login])).toEqual([
      ['张伟', 'student1'],
      ['Li Lei', 'li.lei'],
      ['韩梅梅', 'hanmm@example.com'],
    ])
    for (const a of accounts) expect(a.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
    const users = (await callApi(app, 'GET', '/api/users', { headers: owner })).body as { items: object[] }
    expect(users.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '张伟', email: 'student1', role: 'student' })]),
    )
    expect(JSON.stringify(users)).not.toContain(accounts[0]?.password)
    for (const a of [accounts[0], accounts[2]]) {
      const me = await callApi(app, 'GET', '/api/auth/me', {
        headers: await signIn(app, a?.login ?? '', a?.password),
      })
      expect(me.body).toMatchObject({ user: { name: a?.name, role: 'student' } })
    }
  })

  it('says where the students sign in, at the address a share link of the same server uses', async () => {
    const res = await addClass('张伟')
    const flow = await callApi(app, 'POST', '/api/flows', {
      headers: owner,
      body: { schemaVersion: 1, name: 'x', nodes: [], edges: [] },
    })
    const share = await callApi(app, 'POST', `/api/flows/${(flow.body as { id: string }).id}/share`, {
      headers: owner,
      body: {},
    })
    const signInUrl = (res.body as { signInUrl: string }).signInUrl
    expect(signInUrl).toBe(new URL((share.body as { url: string }).url).origin)

    const other = await createTestDeps({ config: { publicUrl: 'https://class.example.org/' } })
    try {
      const otherApp = createApp(other.deps)
      const res = await callApi(otherApp, 'POST', '/api/class/accounts', {
        headers: await setupOwner(otherApp),
        body: { text: '李雷' },
      })
      expect((res.body as { signInUrl: string }).signInUrl).toBe('https://class.example.org')
    } finally {
      await other.close()
    }
  })

  it('reports every problem line by line in Chinese and English, and creates nobody', async () => {
    await addClass('王芳,wangfang@example.com')
    const res = await addClass(
      ['张伟', '李雷,not-an-email', '张伟', '王芳', '小红,WANGFANG@example.com', 'x'.repeat(65)].join('\n'),
    )
    expect(res.status).toBe(422)
    const { problems } = (res.body as { error: { code: string; details: { problems: object[] } } }).error
      .details
    expect(res.body).toMatchObject({ error: { code: 'ROSTER_INVALID' } })
    expect(problems).toEqual([
      {
        line: 2,
        code: 'EMAIL_INVALID',
        messages: { 'zh-CN': '第 2 行：邮箱“not-an-email”格式不对', en: expect.any(String) },
      },
      {
        line: 3,
        code: 'NAME_DUPLICATE',
        messages: { 'zh-CN': '第 3 行：姓名“张伟”和第 1 行重复', en: 'Line 3: "张伟" repeats line 1' },
      },
      {
        line: 4,
        code: 'NAME_TAKEN',
        messages: expect.objectContaining({ 'zh-CN': '第 4 行：已经有叫“王芳”的账号了' }),
      },
      {
        line: 5,
        code: 'EMAIL_TAKEN',
        messages: expect.objectContaining({ 'zh-CN': expect.stringContaining('已经有账号了') }),
      },
      {
        line: 6,
        code: 'NAME_TOO_LONG',
        messages: expect.objectContaining({ 'zh-CN': '第 6 行：姓名超过 64 个字' }),
      },
    ])
    const users = (await callApi(app, 'GET', '/api/users', { headers: owner })).body as { items: unknown[] }
    expect(users.items).toHaveLength(2)
  })

  it('takes at most 500 students at once and at least one; only the owner creates them', async () => {
    const many = Array.from({ length: 501 }, (_, i) => `学生${i}`).join('\n')
    expect((await addClass(many)).body).toMatchObject({
      error: { code: 'ROSTER_TOO_LONG', details: { max: 500, count: 501 } },
    })
    expect((await addClass('\n  \n姓名\n')).body).toMatchObject({ error: { code: 'ROSTER_EMPTY' } })
    const editor = await createUserWithRole(app, owner, 'editor')
    expect((await addClass('张伟', editor.bearer)).status).toBe(403)
    const res = await addClass(Array.from({ length: 500 }, (_, i) => `学生${i}`).join('\n'))
    expect(res.status).toBe(201)
    expect(new Set(accountsOf(res).map((a) => a.login)).size).toBe(500)
  }, 60_000)
})

describe('what a student may do', () => {
  const flow = (name: string) => ({
    schemaVersion: 1,
    name,
    nodes: [
      { id: 'start', type: 'trigger.manual', version: 1, config: {} },
      { id: 'say', type: 'text.template', version: 1, config: { template: '你好' } },
    ],
    edges: [{ id: 'e', source: 'start', target: 'say' }],
  })
  const create = async (headers: AuthHeaders, name: string) =>
    ((await callApi(app, 'POST', '/api/flows', { headers, body: flow(name) })).body as { id: string }).id

  it("sees and runs only their own flows: another's flow is not found, and sharing, publishing and credentials are refused", async () => {
    const teacherFlow = await create(owner, '老师的流程')
    const a = await createUserWithRole(app, owner, 'student')
    const b = await createUserWithRole(app, owner, 'student')
    const mine = await create(a.cookie, '我的流程')
    expect(mine).toBeTruthy()
    const run = await callApi(app, 'POST', `/api/flows/${mine}/runs`, { headers: a.cookie, body: {} })
    expect(run.status).toBe(201)

    for (const [who, id] of [
      [a, teacherFlow],
      [b, mine],
    ] as const) {
      expect((await callApi(app, 'GET', `/api/flows/${id}`, { headers: who.bearer })).status).toBe(404)
      expect(
        (await callApi(app, 'POST', `/api/flows/${id}/runs`, { headers: who.bearer, body: {} })).status,
      ).toBe(404)
    }
    const listed = (await callApi(app, 'GET', '/api/flows', { headers: b.bearer })).body as {
      items: unknown[]
    }
    expect(listed.items).toEqual([])
    const runs = (await callApi(app, 'GET', '/api/runs', { headers: b.bearer })).body as { items: unknown[] }
    expect(runs.items).toEqual([])

    for (const [method, path, body] of [
      ['POST', `/api/flows/${mine}/share`, {}],
      ['POST', `/api/flows/${mine}/publish`, {}],
      ['POST', '/api/credentials', { name: 'k', type: 'webhook.signing', data: { secret: 'whsec_x' } }],
      ['POST', '/api/class/accounts', { text: '张伟' }],
    ] as const) {
      expect({
        path,
        status: (await callApi(app, method, path, { headers: a.bearer, body })).status,
      }).toEqual({
        path,
        status: 403,
      })
    }
  })

  it('shows the teacher, per student, whether they copied the lesson, ran it and whether it succeeded', async () => {
    const lesson = await create(owner, '第一课')
    const link = await callApi(app, 'POST', `/api/flows/${lesson}/share`, { headers: owner, body: {} })
    const token = (link.body as { url: string }).url.split('/s/')[1]
    const made = await addClass('张伟\n李雷\n韩梅梅')
    expect(made.body).toMatchObject({ accounts: expect.any(Array) })
    const accounts = accountsOf(made)
    const [ran, copied] = await Promise.all(accounts.slice(0, 2).map((a) => signIn(app, a.login, a.password)))
    const copyOf = async (headers: AuthHeaders | undefined) =>
      ((await callApi(app, 'POST', `/api/shared/${token}/copy`, { headers })).body as { id: string }).id
    const ranCopy = await copyOf(ran)
    await copyOf(copied)
    const started = await callApi(app, 'POST', `/api/flows/${ranCopy}/runs`, { headers: ran, body: {} })
    const runId = (started.body as { runId: string }).runId
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })

    const res = await callApi(app, 'GET', `/api/class/progress?flowId=${lesson}`, { headers: owner })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      flow: { id: lesson, name: '第一课' },
      students: [
        {
          name: '张伟',
          copies: [ranCopy],
          runs: 1,
          lastRun: { id: runId, status: 'succeeded' },
          succeeded: true,
        },
        { name: '李雷', copies: [expect.any(String)], runs: 0, lastRun: null, succeeded: false },
        { name: '韩梅梅', copies: [], runs: 0, lastRun: null, succeeded: false },
      ],
    })
    const student = await createUserWithRole(app, owner, 'student')
    expect(
      (await callApi(app, 'GET', `/api/class/progress?flowId=${lesson}`, { headers: student.bearer })).status,
    ).toBe(403)
  })
})

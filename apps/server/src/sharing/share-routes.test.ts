import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'
import { shareOrigins } from './share-addresses.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let clock: number
let flowId: string
const secrets: string[] = []

const SIGNING_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwZmFrZQ=='
const HEADER_KEY = 'sk-live-header-7f3a9c1e'
const BODY_KEY = 'sk-body-key-2b8d4e6f'
const RUN_MARKER = 'run-input-marker-5e1c'

/** A lesson flow with every kind of secret a flow can point at or hold. */
async function lessonFlow(): Promise<string> {
  const credential = await callApi(app, 'POST', '/api/credentials', {
    headers: owner,
    body: { name: '签名', type: 'webhook.signing', data: { secret: SIGNING_SECRET } },
  })
  const credentialId = (credential.body as { id: string }).id
  const created = await callApi(app, 'POST', '/api/flows', {
    headers: owner,
    body: {
      schemaVersion: 1,
      name: '第一课：问候',
      nodes: [
        {
          id: 'hook',
          type: 'trigger.webhook',
          version: 1,
          config: { path: 'lesson-one', requireSignature: true },
        },
        {
          id: 'greet',
          type: 'text.template',
          version: 1,
          name: '写问候',
          config: { template: '你好 {{ trigger.body.name }}' },
        },
        {
          id: 'call',
          type: 'http.request',
          version: 1,
          config: {
            url: 'https://api.example.com/x',
            headers: [
              { key: 'Authorization', value: `Bearer ${HEADER_KEY}` },
              { key: 'Accept', value: 'application/json' },
            ],
            body: { apiKey: BODY_KEY, text: '{{ nodes.greet.text }}' },
          },
        },
        {
          id: 'push',
          type: 'publish.webhook',
          version: 1,
          config: { url: 'https://cms.example.com/h', signing: credentialId },
        },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'greet' },
        { id: 'e2', source: 'greet', target: 'call' },
        { id: 'e3', source: 'call', target: 'push' },
      ],
    },
  })
  expect(created.status).toBe(201)
  const id = (created.body as { id: string }).id
  const hookSecret = await callApi(app, 'POST', `/api/flows/${id}/webhook-secret`, { headers: owner })
  expect(hookSecret.status).toBe(201)
  const run = await callApi(app, 'POST', `/api/flows/${id}/runs`, {
    headers: owner,
    body: { input: { name: RUN_MARKER } },
  })
  const runId = (run.body as { runId: string }).runId
  await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 5000 })
  // The owner's own views hold what the share must not: the run's input and the flow's literal keys.
  expect(
    JSON.stringify((await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).body),
  ).toContain(RUN_MARKER)
  const own = JSON.stringify((await callApi(app, 'GET', `/api/flows/${id}`, { headers: owner })).body)
  for (const held of [HEADER_KEY, BODY_KEY, credentialId, 'lesson-one']) expect(own).toContain(held)
  secrets.splice(
    0,
    secrets.length,
    credentialId,
    SIGNING_SECRET,
    HEADER_KEY,
    BODY_KEY,
    RUN_MARKER,
    'lesson-one',
  )
  secrets.push((hookSecret.body as { secret: string }).secret)
  return id
}

beforeEach(async () => {
  clock = Date.now()
  t = await createTestDeps({ now: () => clock })
  app = createApp(t.deps)
  owner = await setupOwner(app)
  flowId = await lessonFlow()
})
afterEach(() => t.close())

const share = (body: object = {}, headers = owner) =>
  callApi(app, 'POST', `/api/flows/${flowId}/share`, { headers, body })
const tokenOf = (url: string) => url.split('/s/')[1] ?? ''
type Share = { url: string; qrSvg: string; expiresAt: number | null; addresses: string[] }

describe('sharing a flow with a class', () => {
  it('answers a link on a network address and its QR code; the page opens without signing in', async () => {
    const res = await share()
    expect(res.status).toBe(200)
    const link = res.body as Share
    expect(link.addresses[0]).toBeDefined()
    expect(link.url).toMatch(new RegExp(`^${link.addresses[0]?.replace(/[.[\]]/g, '\\$&')}/s/[\\w-]{22}$`))
    expect(link.qrSvg).toMatch(/^<svg[^>]*viewBox/)
    expect(link.expiresAt).toBeNull()

    // The body is optional: a script's bare POST (API token, no content) shares with the defaults.
    const token = await callApi(app, 'POST', '/api/tokens', { headers: owner, body: { name: 'class' } })
    const bearer = { authorization: `Bearer ${(token.body as { token: string }).token}` }
    const bare = await callApi(app, 'POST', `/api/flows/${flowId}/share`, { headers: bearer })
    expect(bare.body).toMatchObject({ url: link.url })
    const page = await app.request(new URL(link.url).pathname)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    // Asking again while the link is valid gives the same link: the QR code on the wall keeps working.
    expect(((await share()).body as Share).url).toBe(link.url)
    expect((await callApi(app, 'GET', `/api/flows/${flowId}/share`, { headers: owner })).body).toMatchObject({
      url: link.url,
    })
  })

  it('shows the graph to anyone with the link, and no credential, secret, webhook path or run data', async () => {
    const { url } = (await share()).body as Share
    const res = await callApi(app, 'GET', `/api/shared/${tokenOf(url)}`)
    expect(res.status).toBe(200)
    const text = JSON.stringify(res.body)
    for (const secret of secrets) expect(text).not.toContain(secret)
    const { flow, nodes } = res.body as {
      flow: { name: string; nodes: { id: string; config: Record<string, unknown> }[] }
      nodes: { type: string }[]
    }
    expect(flow.name).toBe('第一课：问候')
    expect(flow.nodes.find((n) => n.id === 'greet')?.config).toEqual({
      template: '你好 {{ trigger.body.name }}',
    })
    expect(flow.nodes.find((n) => n.id === 'call')?.config.headers).toEqual([
      { key: 'Authorization', value: '[REDACTED]' },
      { key: 'Accept', value: 'application/json' },
    ])
    expect(nodes.map((e) => e.type).sort()).toEqual([
      'http.request',
      'publish.webhook',
      'text.template',
      'trigger.webhook',
    ])
    const page = await (await app.request(`/s/${tokenOf(url)}`)).text()
    for (const secret of secrets) expect(page).not.toContain(secret)
  })

  it('answers 404 for the page and the data once revoked; sharing again makes a new link', async () => {
    const { url } = (await share()).body as Share
    expect((await callApi(app, 'DELETE', `/api/flows/${flowId}/share`, { headers: owner })).status).toBe(204)
    expect((await app.request(`/s/${tokenOf(url)}`)).status).toBe(404)
    expect((await callApi(app, 'GET', `/api/shared/${tokenOf(url)}`)).status).toBe(404)
    expect((await callApi(app, 'DELETE', `/api/flows/${flowId}/share`, { headers: owner })).status).toBe(404)
    const again = (await share()).body as Share
    expect(again.url).not.toBe(url)
    expect((await app.request(`/s/${tokenOf(again.url)}`)).status).toBe(200)
  })

  it('expires a link after the minutes asked for, and then makes a new one', async () => {
    const link = (await share({ expiresInMinutes: 45 })).body as Share
    expect(link.expiresAt).toBe(clock + 45 * 60_000)
    clock += 45 * 60_000 - 1
    expect((await app.request(`/s/${tokenOf(link.url)}`)).status).toBe(200)
    clock += 1
    expect((await app.request(`/s/${tokenOf(link.url)}`)).status).toBe(404)
    expect((await callApi(app, 'GET', `/api/shared/${tokenOf(link.url)}`)).status).toBe(404)
    expect((await callApi(app, 'GET', `/api/flows/${flowId}/share`, { headers: owner })).status).toBe(404)
    expect(((await share()).body as Share).url).not.toBe(link.url)
  })

  it('refuses an expiry that is not a whole number of minutes from 1 to 30 days, or an address not offered', async () => {
    for (const expiresInMinutes of [0, 1.5, 30 * 24 * 60 + 1, '60']) {
      expect((await share({ expiresInMinutes })).status).toBe(400)
    }
    const res = await share({ address: 'http://evil.example' })
    expect(res.body).toMatchObject({ error: { code: 'SHARE_ADDRESS_UNKNOWN' } })
  })

  it('shares only flows of the caller, and only editors and owners share', async () => {
    const editor = await createUserWithRole(app, owner, 'editor')
    expect((await share({}, editor.bearer)).status).toBe(404)
    const student = await createUserWithRole(app, owner, 'student')
    expect((await share({}, student.bearer)).status).toBe(403)
    expect((await callApi(app, 'POST', `/api/flows/${flowId}/share`, { body: {} })).status).toBe(401)
  })

  it('lets a signed-in student make their own copy, without the secrets; anonymous callers and viewers cannot', async () => {
    const token = tokenOf(((await share()).body as Share).url)
    const student = await createUserWithRole(app, owner, 'student')
    const copied = await callApi(app, 'POST', `/api/shared/${token}/copy`, { headers: student.cookie })
    expect(copied.status).toBe(201)
    const copy = await callApi(app, 'GET', `/api/flows/${(copied.body as { id: string }).id}`, {
      headers: student.cookie,
    })
    expect(copy.body).toMatchObject({ ownerId: student.userId, name: '第一课：问候', webhookPath: null })
    for (const secret of secrets) expect(JSON.stringify(copy.body)).not.toContain(secret)
    const viewer = await createUserWithRole(app, owner, 'viewer')
    expect((await callApi(app, 'POST', `/api/shared/${token}/copy`, { headers: viewer.bearer })).status).toBe(
      403,
    )
    expect((await callApi(app, 'POST', `/api/shared/${token}/copy`, { body: {} })).status).toBe(401)
  })

  it("gives a student's copy the lesson's sample input, so their Run form starts where the teacher's does", async () => {
    const lesson = await callApi(app, 'GET', `/api/flows/${flowId}`, { headers: owner })
    const document = (lesson.body as { document: object }).document
    const sampleInput = { name: '小明', scores: [90, 85] }
    const saved = await callApi(app, 'PUT', `/api/flows/${flowId}`, {
      headers: owner,
      body: { ...document, sampleInput },
    })
    expect(saved.status).toBe(200)
    const token = tokenOf(((await share()).body as Share).url)
    const student = await createUserWithRole(app, owner, 'student')
    const copied = await callApi(app, 'POST', `/api/shared/${token}/copy`, { headers: student.cookie })
    const copy = await callApi(app, 'GET', `/api/flows/${(copied.body as { id: string }).id}`, {
      headers: student.cookie,
    })
    expect(copy.body).toMatchObject({ ownerId: student.userId, document: { sampleInput } })
  })
})

describe('the address a link is built on', () => {
  const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({
    address,
    family,
    internal,
    netmask: '',
    mac: '',
    cidr: null,
    ...(family === 'IPv6' ? { scopeid: 0 } : {}),
  })
  const interfaces = {
    lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
    wlan0: [nic('fe80::1', 'IPv6'), nic('fd00::5', 'IPv6'), nic('192.168.1.20', 'IPv4')],
  } as unknown as Parameters<typeof shareOrigins>[2]

  it("lists the machine's non-loopback addresses, IPv4 first, on the request's port", () => {
    expect(shareOrigins(undefined, 'http://localhost:3000/api/x', interfaces)).toEqual([
      'http://192.168.1.20:3000',
      'http://[fd00::5]:3000',
    ])
  })

  it('offers only the address the server listens on, and none it cannot be reached at from another machine', () => {
    expect(shareOrigins(undefined, 'http://localhost:3000/', interfaces, '192.168.1.20')).toEqual([
      'http://192.168.1.20:3000',
    ])
    expect(shareOrigins(undefined, 'http://127.0.0.1:3000/', interfaces, '127.0.0.1')).toEqual([
      'http://127.0.0.1:3000',
    ])
  })

  it('uses ZHILIU_PUBLIC_URL alone when it is set, and the request origin when there is no network', () => {
    expect(shareOrigins('https://class.example.org/', 'http://localhost:3000/', interfaces)).toEqual([
      'https://class.example.org',
    ])
    expect(shareOrigins(undefined, 'http://localhost:3000/', { lo: interfaces.lo })).toEqual([
      'http://localhost:3000',
    ])
  })

  it('builds the link on ZHILIU_PUBLIC_URL', async () => {
    const other = await createTestDeps({ config: { publicUrl: 'https://class.example.org' } })
    try {
      const otherApp = createApp(other.deps)
      const headers = await setupOwner(otherApp)
      const created = await callApi(otherApp, 'POST', '/api/flows', {
        headers,
        body: { schemaVersion: 1, name: 'x', nodes: [], edges: [] },
      })
      const res = await callApi(otherApp, 'POST', `/api/flows/${(created.body as { id: string }).id}/share`, {
        headers,
        body: {},
      })
      expect((res.body as Share).url).toMatch(/^https:\/\/class\.example\.org\/s\//)
    } finally {
      await other.close()
    }
  })
})

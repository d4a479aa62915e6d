import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRegistry } from '@zhiliu/nodes'
import { TINY_PNG } from '@zhiliu/nodes/media-store-contract'
import { Hono } from 'hono'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppEnv } from '../app-env.ts'
import { createApp } from '../create-app.ts'
import { createMediaStore } from '../media/create-media-store.ts'
import { createPublisher } from '../publishing/create-publisher.ts'
import { createTestNodes } from '../runs/test-kit.ts'
import { serveEditor } from '../static/serve-editor.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { hookFlow, publishHook } from '../webhooks/hook-test-kit.ts'
import { appCsp, contentPolicy, SANDBOX_CSP } from './content-policy.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
let kit: ReturnType<typeof createTestNodes>
beforeEach(async () => {
  kit = createTestNodes()
  t = await createTestDeps({ registry: createRegistry(kit.definitions) })
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(async () => {
  kit.open()
  await t.close()
})

const post = (path: string, body: string, type = 'application/x-www-form-urlencoded') =>
  app.request(path, { method: 'POST', headers: { 'content-type': type }, body })

/** The attack from issue 12: a Respond node that answers the caller's input as HTML. */
const htmlEcho = {
  id: 'reply',
  type: 'flow.respond',
  config: {
    status: 200,
    headers: [
      { key: 'content-type', value: 'text/html; charset=utf-8' },
      // A policy of the flow's own cannot loosen the server's.
      { key: 'content-security-policy', value: "script-src 'unsafe-inline'" },
      { key: 'x-content-type-options', value: 'sniff-away' },
    ],
    body: '<h1>{{ trigger.body.name }}</h1>',
  },
}

function expectSandboxed(res: Response, policy = SANDBOX_CSP) {
  expect({
    csp: res.headers.get('content-security-policy'),
    nosniff: res.headers.get('x-content-type-options'),
  }).toEqual({ csp: policy, nosniff: 'nosniff' })
}

describe('every answer with data a flow or a webhook caller produced is sandboxed', () => {
  it('a Respond node answering HTML with the caller’s script in it', async () => {
    const id = await publishHook(t.deps, hookFlow({}, [htmlEcho]))
    const res = await post(`/hooks/${id}`, `name=${encodeURIComponent('<script>alert(1)</script>')}`)
    expect(res.headers.get('content-type')).toContain('text/html')
    await expect(res.text()).resolves.toContain('<script>alert(1)</script>')
    expectSandboxed(res)
    expect(SANDBOX_CSP.split('; ')).toContain('sandbox')
  })

  it('the run output as JSON, a refused call and an unknown hook', async () => {
    const id = await publishHook(t.deps, hookFlow({}, []))
    expectSandboxed(await post(`/hooks/${id}`, 'a=1'))
    expectSandboxed(await post(`/hooks/${id}`, '<html>', 'text/html'))
    expectSandboxed(await post('/hooks/nope', 'a=1'))
  })

  it('async answers and the status URL that carries the run output', async () => {
    const id = await publishHook(t.deps, hookFlow({ responseMode: 'async' }, []))
    const res = await post(`/hooks/${id}`, 'a=1')
    expectSandboxed(res)
    const { statusUrl } = (await res.json()) as { statusUrl: string }
    expectSandboxed(await app.request(statusUrl))
  })

  it('stream answers', async () => {
    const id = await publishHook(t.deps, hookFlow({ responseMode: 'stream' }, []))
    const res = await post(`/hooks/${id}`, 'a=1')
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    expectSandboxed(res)
    await res.body?.cancel()
  })

  it('test-capture answers', async () => {
    const id = await publishHook(t.deps, hookFlow({}, []))
    const opened = await callApi(app, 'POST', `/api/flows/${id}/webhook-test`, { headers: owner })
    const { testUrl } = opened.body as { testUrl: string }
    expectSandboxed(await post(testUrl, 'a=1'))
    expectSandboxed(await post(testUrl, 'a=1'))
  })

  it('published pages keep their own policy with sandbox added; feeds and media are sandboxed', async () => {
    const user = await t.deps.store.createUser({ email: 'a@example.com', passwordHash: 'x', role: 'editor' })
    const publisher = createPublisher(
      { store: t.deps.store, config: t.deps.config, now: Date.now },
      { ownerId: user.id },
    )
    await publisher.putPage({
      key: 'k:page',
      slug: 'news',
      title: 'T',
      body: '![a](https://img.example/a.png)',
    })
    const page = await app.request('/p/news')
    expect(page.headers.get('content-security-policy')).toMatch(
      /^sandbox; default-src 'none'; img-src https: data:/,
    )
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    await expect(page.text()).resolves.toContain('src="https://img.example/a.png"')
    const missing = await app.request('/p/nothing')
    expect(missing.headers.get('content-security-policy')).toMatch(/^sandbox; /)

    await publisher.addFeedItem({
      ...{ key: 'k:feed', feed: 'news', feedTitle: '', title: 'x', link: '', summary: '', content: 'x' },
      ...{ author: '', guid: '' },
    })
    expectSandboxed(await app.request('/feeds/news.xml'))

    const media = createMediaStore({ files: t.deps.files, base: '' })
    const { url } = await media.save({ key: 'k:media', bytes: TINY_PNG, mimeType: 'image/png' })
    // Media keeps its stricter policy: a bare `sandbox` and nothing loaded at all.
    expectSandboxed(await app.request(url), "default-src 'none'; sandbox")
  })

  it('the API answers too: JSON only, but nothing there should ever render as the editor’s origin', async () => {
    const res = await app.request('/api/flows', { headers: owner })
    expect(res.status).toBe(200)
    expectSandboxed(res)
  })
})

describe("the server's own pages get a strict policy with no inline script", () => {
  const dist = mkdtempSync(join(tmpdir(), 'zhiliu-dist-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>智流</title>')
  afterAll(() => rmSync(dist, { recursive: true, force: true }))

  it('the editor, at / and at a client path', async () => {
    const editor = new Hono<AppEnv>().use(contentPolicy(t.deps)).route('/', serveEditor(dist))
    for (const path of ['/', '/flows/abc']) {
      const res = await editor.request(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-security-policy')).toBe(appCsp())
    }
    // An unknown API path is not the editor's page, so it stays sandboxed.
    expect((await editor.request('/api/nope')).headers.get('content-security-policy')).toBe(SANDBOX_CSP)
  })

  it('the API docs', async () => {
    const res = await app.request('/api/docs')
    expect(res.headers.get('content-security-policy')).toBe(appCsp())
    const html = await res.text()
    // Every script is a file from this server, which `script-src 'self'` allows; none is inline.
    const scripts = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attributes, inline] of scripts) {
      expect(attributes).toMatch(/ src="[^/"][^":]*"/)
      expect(inline).toBe('')
    }
  })

  it('says where scripts, connections and frames may come from', () => {
    const policy = Object.fromEntries(
      appCsp('https://zhiliu.example.cn')
        .split('; ')
        .map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    )
    expect(policy['script-src']).toEqual(["'self'"])
    expect(policy['connect-src']).toEqual(["'self'"])
    expect(policy['frame-ancestors']).toEqual(["'none'"])
    expect(policy['object-src']).toEqual(["'none'"])
    expect(policy['img-src']).toEqual(["'self'", 'data:', 'https://zhiliu.example.cn'])
  })
})

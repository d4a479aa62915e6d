import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import { TINY_PNG } from '@zhiliu/nodes/media-store-contract'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createProviderCredential } from '../models/provider-test-kit.ts'
import type { RunView } from '../runs/run-view.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps, type TestOverrides } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, createUserWithRole, setupOwner } from '../test-support/sign-in.ts'
import { MAX_UPLOAD_BYTES } from './media-upload-routes.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
afterEach(() => t.close())

async function start(overrides: TestOverrides = {}) {
  t = await createTestDeps(overrides)
  app = createApp(t.deps)
  owner = await setupOwner(app)
}

const WAV = Buffer.concat([Buffer.from('RIFF\x24\0\0\0WAVEfmt ', 'latin1'), Buffer.alloc(64)])

/** The cookie of `headers` with the file's own type: what the editor's upload sends. */
function upload(headers: AuthHeaders, body: Uint8Array | string, type: string) {
  return app.request('/api/media', {
    method: 'POST',
    headers: { ...headers, 'content-type': type },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  })
}

describe('POST /api/media', () => {
  it('stores an image an editor uploads with the session cookie and serves the same bytes at the answered url', async () => {
    await start()
    const editor = await createUserWithRole(app, owner, 'editor')
    const res = await upload(editor.cookie, TINY_PNG, 'image/png')
    expect(res.status).toBe(201)
    const body = (await res.json()) as { id: string; url: string; mimeType: string; bytes: number }
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}\.png$/),
      url: `/media/${body.id}`,
      mimeType: 'image/png',
      bytes: TINY_PNG.length,
    })
    const served = await app.request(body.url)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(TINY_PNG)).toBe(true)
  })

  it('takes audio labelled by an alias, typed by its bytes, from an API token', async () => {
    await start()
    const { bearer } = await createUserWithRole(app, owner, 'editor')
    const res = await upload(bearer, WAV, 'audio/x-wav')
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ id: expect.stringMatching(/\.wav$/), mimeType: 'audio/wav' })
  })

  it('needs a signed-in editor: anonymous callers get 401 and viewers 403, and nothing is stored', async () => {
    await start()
    const viewer = await createUserWithRole(app, owner, 'viewer')
    expect((await upload({}, TINY_PNG, 'image/png')).status).toBe(401)
    for (const headers of [viewer.cookie, viewer.bearer]) {
      const res = await upload(headers, TINY_PNG, 'image/png')
      expect(res.status).toBe(403)
      expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } })
    }
    expect(await storedFiles()).toEqual([])
  })

  it('refuses SVG, HTML and bytes that are not what their type says with 415, naming the problem', async () => {
    await start()
    // A token, as a cookie with text/html is already refused as a possible cross-site form.
    const { bearer } = await createUserWithRole(app, owner, 'editor')
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    for (const [body, type] of [
      [svg, 'image/svg+xml'],
      ['<html><script>alert(1)</script></html>', 'text/html'],
      [svg, 'image/png'],
      ['<script>alert(1)</script>', 'audio/mpeg'],
    ] as const) {
      const res = await upload(bearer, body, type)
      expect({ type, status: res.status }).toEqual({ type, status: 415 })
      const { error } = (await res.json()) as { error: { code: string; message: string } }
      expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
      expect(error.message).toMatch(/PNG, JPEG, WebP (and|or) GIF/)
    }
    expect(await storedFiles()).toEqual([])
  })

  it('answers 413 for a file over its kind’s limit before storing anything, by header or by counting', async () => {
    await start()
    const declared = await app.request('/api/media', {
      method: 'POST',
      headers: {
        ...owner,
        'content-type': 'image/png',
        'content-length': String(MAX_UPLOAD_BYTES.image + 1),
      },
      body: new Uint8Array(TINY_PNG),
    })
    expect(declared.status).toBe(413)
    const big = Buffer.alloc(MAX_UPLOAD_BYTES.image + 1)
    Buffer.from(TINY_PNG).copy(big)
    const streamed = await app.request('/api/media', {
      method: 'POST',
      headers: { ...owner, 'content-type': 'image/png' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new Uint8Array(big))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(await streamed.json()).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } })
    expect(await storedFiles()).toEqual([])
    // Above the JSON limit of the rest of the API, yet under the file's own.
    const wav = Buffer.concat([WAV, Buffer.alloc(2 * 1024 * 1024)])
    expect((await upload(owner, wav, 'audio/wav')).status).toBe(201)
  })

  it('is described in the OpenAPI document as a raw body of the media types', async () => {
    await start()
    const doc = (await callApi(app, 'GET', '/api/openapi.json')).body as {
      paths: Record<string, { post?: { requestBody?: { content: object }; responses: object } }>
    }
    const op = doc.paths['/api/media']?.post
    expect(Object.keys(op?.requestBody?.content ?? {})).toEqual(
      expect.arrayContaining(['image/png', 'audio/mpeg']),
    )
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['201', '403', '413', '415']))
  })
})

describe('an uploaded image in ai.vision', () => {
  let fake: FakeOpenAI
  beforeAll(async () => {
    fake = await startFakeOpenAI()
  })
  afterAll(() => fake.close())

  it('reaches the model inline as a data: URL, named by its absolute address under ZHILIU_PUBLIC_URL', async () => {
    await start({ config: { publicUrl: 'https://zhiliu.example.com' } })
    const provider = await createProviderCredential(app, owner, fake, { preset: 'dashscope' })
    const res = await upload(owner, TINY_PNG, 'image/png')
    const { url } = (await res.json()) as { url: string }
    expect(url).toMatch(/^https:\/\/zhiliu\.example\.com\/media\/[0-9a-f]{32}\.png$/)
    const document = {
      schemaVersion: 1,
      name: 'Look',
      nodes: [
        { id: 'start', type: 'trigger.manual', version: 1, config: {} },
        {
          id: 'look',
          type: 'ai.vision',
          version: 1,
          config: { provider, model: 'qwen-vl-plus', image: url, prompt: '什么颜色？' },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'look' }],
    }
    const flow = await callApi(app, 'POST', '/api/flows', { headers: owner, body: document })
    const run = await callApi(app, 'POST', `/api/flows/${(flow.body as { id: string }).id}/runs`, {
      headers: owner,
      body: { input: {} },
    })
    const runId = (run.body as { runId: string }).runId
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 10_000 })
    const view = (await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).body as RunView
    expect({ status: view.status, error: view.error }).toEqual({ status: 'succeeded', error: null })
    const chat = fake.requests.find((r) => r.path.endsWith('/chat/completions'))
    expect(chat?.body).toMatchObject({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: '什么颜色？' },
            {
              type: 'image_url',
              image_url: { url: `data:image/png;base64,${Buffer.from(TINY_PNG).toString('base64')}` },
            },
          ],
        },
      ],
    })
  })
})

async function storedFiles(): Promise<string[]> {
  const { readdir } = await import('node:fs/promises')
  const { join } = await import('node:path')
  const names = await readdir(join(t.dataDir, 'media')).catch(() => [] as string[])
  return names.filter((name) => !name.startsWith('.'))
}

import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { TINY_PNG } from '@zhiliu/nodes/media-store-contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { drawFlow } from '../test-support/flow-documents.ts'
import { setupOwner } from '../test-support/sign-in.ts'
import { createMediaStore } from './create-media-store.ts'
import { mediaRoot } from './disk-file-store.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
})
afterEach(() => t.close())

const store = () => createMediaStore({ files: t.deps.files, base: '' })
const WAV = Buffer.from('RIFF\x24\0\0\0WAVEfmt ', 'latin1')

describe('GET /media/:file', () => {
  it('serves a stored image with its type, nosniff, a sandbox and a year of caching, to anyone', async () => {
    const { url } = await store().save({ key: 'k1', bytes: TINY_PNG, mimeType: 'image/png' })
    const res = await app.request(url)
    expect(res.status).toBe(200)
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(TINY_PNG.length),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'public, max-age=31536000, immutable',
    })
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(TINY_PNG))
  })

  it('serves stored audio as audio', async () => {
    const { url, id } = await store().save({ key: 'k2', bytes: WAV, mimeType: 'audio/x-wav' })
    expect(id).toMatch(/\.wav$/)
    const res = await app.request(url)
    expect(res.headers.get('content-type')).toBe('audio/wav')
  })

  it('answers byte ranges, as audio players in Safari and WeChat need, and says so on every answer', async () => {
    const { url } = await store().save({ key: 'k3', bytes: WAV, mimeType: 'audio/x-wav' })
    expect((await app.request(url)).headers.get('accept-ranges')).toBe('bytes')
    const part = await app.request(url, { headers: { range: 'bytes=4-7' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 4-7/${WAV.length}`)
    expect(part.headers.get('content-length')).toBe('4')
    expect(part.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await part.arrayBuffer())).toEqual(WAV.subarray(4, 8))
    const past = await app.request(url, { headers: { range: `bytes=${WAV.length}-` } })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe(`bytes */${WAV.length}`)
  })

  it('answers 404 for an unknown id, and for anything that is not a name the store gives', async () => {
    const unknown = await callApi(app, 'GET', `/media/${'0'.repeat(32)}.png`)
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
    await writeFile(join(t.dataDir, 'secret.txt'), 'do not serve')
    for (const path of [
      '/media/..%2Fsecret.txt',
      '/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/media/..%5Csecret.txt',
      '/media/.keys',
      `/media/${'0'.repeat(32)}.png%00.txt`,
    ]) {
      const res = await app.request(path)
      expect({ path, status: res.status }).toEqual({ path, status: 404 })
      expect(await res.text()).not.toContain('do not serve')
    }
  })

  it('never serves SVG or HTML, even one planted in the folder under a store-like name', async () => {
    const root = mediaRoot(t.dataDir)
    await mkdir(root, { recursive: true })
    const name = 'a'.repeat(32)
    await writeFile(
      join(root, `${name}.svg`),
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    )
    await writeFile(join(root, `${name}.html`), '<script>alert(1)</script>')
    expect((await app.request(`/media/${name}.svg`)).status).toBe(404)
    expect((await app.request(`/media/${name}.html`)).status).toBe(404)
    await expect(
      store().save({ key: 'svg', bytes: Buffer.from('<svg/>'), mimeType: 'image/svg+xml' }),
    ).rejects.toMatchObject({ code: 'MEDIA_TYPE_REFUSED' })
  })

  it('does not follow a symbolic link planted under a store-like name', async () => {
    const root = mediaRoot(t.dataDir)
    await mkdir(root, { recursive: true })
    await writeFile(join(t.dataDir, 'outside.png'), Buffer.from(TINY_PNG))
    await symlink(join(t.dataDir, 'outside.png'), join(root, `${'b'.repeat(32)}.png`))
    expect((await app.request(`/media/${'b'.repeat(32)}.png`)).status).toBe(404)
  })
})

describe('media in server runs', () => {
  it('stores what ai.image draws on the demo model and serves it at the address in the output', async () => {
    const owner = await setupOwner(app)
    const flow = await callApi(app, 'POST', '/api/flows', { headers: owner, body: drawFlow('西湖日出') })
    const id = (flow.body as { id: string }).id
    const run = await callApi(app, 'POST', `/api/flows/${id}/runs`, { headers: owner, body: { input: {} } })
    const runId = (run.body as { runId: string }).runId
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 10_000 })
    const view = await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })
    const draw = (
      view.body as { nodes: { nodeId: string; output?: { images: { url: string }[] } }[] }
    ).nodes.find((n) => n.nodeId === 'draw')
    const url = draw?.output?.images[0]?.url ?? ''
    expect(url).toMatch(/^\/media\/[0-9a-f]{32}\.png$/)
    const res = await app.request(url)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG')
  })
})

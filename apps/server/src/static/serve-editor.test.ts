import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { serveEditor } from './serve-editor.ts'

const dist = mkdtempSync(join(tmpdir(), 'zhiliu-dist-'))
mkdirSync(join(dist, 'assets'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>智流</title>')
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)')
afterAll(() => rmSync(dist, { recursive: true, force: true }))

describe('serving the built editor', () => {
  const app = serveEditor(dist)

  it('answers the editor page at / and never lets it be cached', async () => {
    const res = await app.request('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    await expect(res.text()).resolves.toContain('智流')
  })

  it('caches hashed assets for a year', async () => {
    const res = await app.request('/assets/index-abc123.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toContain('immutable')
  })

  it('answers index.html for a client path, so a reload keeps the page', async () => {
    const res = await app.request('/flows/abc')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-cache')
  })

  it('leaves API and webhook paths alone, so they stay JSON errors', async () => {
    expect((await app.request('/api/nope')).status).toBe(404)
    expect((await app.request('/hooks/nope')).status).toBe(404)
  })

  it('says how to build the editor when there is no build', async () => {
    const res = await serveEditor(join(dist, 'missing')).request('/')
    expect(res.status).toBe(503)
    await expect(res.text()).resolves.toContain('npm run build')
  })
})

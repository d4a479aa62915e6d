import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
})
afterEach(() => t.close())

type Operation = { security?: unknown[]; requestBody?: unknown; responses: Record<string, unknown> }

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with cookie and bearer security and request and response schemas on each route', async () => {
    const res = await callApi(app, 'GET', '/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = res.body as {
      openapi: string
      security: unknown[]
      components: { securitySchemes: object; schemas: Record<string, unknown> }
      paths: Record<string, Record<string, Operation>>
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.components.securitySchemes).toEqual({
      cookieAuth: { type: 'apiKey', in: 'cookie', name: 'zl_session' },
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'zl_pat_…' },
    })
    expect(doc.security).toEqual([{ cookieAuth: [] }, { bearerAuth: [] }])
    expect(doc.paths['/api/auth/login']?.post?.security).toEqual([])
    expect(doc.paths['/api/flows']?.post?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/FlowDocument' } } },
    })
    expect(doc.paths['/api/flows/{id}/publish']?.post?.responses).toHaveProperty('422')
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Flow', 'Credential', 'Error', 'User']),
    )
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        expect({ route: `${method} ${path}`, ok: Object.keys(op.responses).length > 0 }).toMatchObject({
          ok: true,
        })
      }
    }
  })
})

describe('the docs page', () => {
  it('works offline: the page and every asset it loads come from this server', async () => {
    const page = await app.request('/api/docs')
    expect(page.status).toBe(200)
    const html = await page.text()
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '')
    expect(sources.length).toBeGreaterThanOrEqual(4)
    for (const source of sources) {
      expect(source).not.toMatch(/^(https?:)?\/\//)
      const asset = await app.request(new URL(source, 'http://localhost/api/docs').pathname)
      expect({ source, status: asset.status }).toEqual({ source, status: 200 })
    }
    const bundle = await app.request('/api/docs/swagger-ui-bundle.js')
    expect(bundle.headers.get('content-type')).toContain('javascript')
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000)
  })

  it('serves nothing else from disk', async () => {
    for (const path of [
      '/api/docs/package.json',
      '/api/docs/..%2f..%2fpackage.json',
      '/api/docs/index.html',
    ]) {
      expect((await app.request(path)).status).toBe(404)
    }
  })
})

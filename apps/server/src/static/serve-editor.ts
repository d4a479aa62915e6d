import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { markOwnDocument } from '../http/content-policy.ts'
import { EDITOR_DIST } from '../paths.ts'

const isApi = (path: string) => path === '/api' || path.startsWith('/api/') || path.startsWith('/hooks/')

/**
 * The built editor at `/`. Mounted last: API and webhook routes always win, and an unknown `/api/...` path stays
 * a JSON 404 instead of becoming the editor page. Any other unknown path answers index.html, so a client route
 * survives a reload. Hashed assets are cached for a year; index.html never, so a new build shows at once.
 * The page is marked as the server's own, so it gets the strict app policy instead of the sandbox (content-policy.ts).
 */
export function serveEditor(dist = EDITOR_DIST) {
  const app = new Hono<AppEnv>()
  const index = join(dist, 'index.html')
  if (!existsSync(index)) {
    app.get('/', (c) =>
      c.text(
        'The editor is not built yet: run `npm run build -w @zhiliu/editor`, then reload this page.',
        503,
      ),
    )
    return app
  }
  const files = serveStatic({ root: dist })
  const page = serveStatic({ path: index })
  // serveStatic has already built its response when its onFound hook runs, so headers are set on the result.
  const cache = <R>(res: R, value: string): R => {
    if (res instanceof Response) res.headers.set('cache-control', value)
    return res
  }
  app.get('/assets/*', async (c, next) => cache(await files(c, next), 'public, max-age=31536000, immutable'))
  app.get('*', async (c, next) => {
    // A missing asset is a 404, never the page: a script tag must not receive HTML.
    if (isApi(c.req.path) || c.req.path.startsWith('/assets/')) return next()
    markOwnDocument(c)
    const found = await files(c, async () => {})
    if (found) return found
    return cache(await page(c, next), 'no-cache')
  })
  return app
}

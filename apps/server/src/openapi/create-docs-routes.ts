import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { markOwnDocument } from '../http/content-policy.ts'
import { createRouter } from '../http/create-router.ts'

// Resolved from this module so it works whatever the working directory; served by us so the page works offline.
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

/** The only files served from swagger-ui-dist, so a path can never reach anything else on disk. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

// Relative URLs: the page lives at /api/docs, so `docs/x` is /api/docs/x and `openapi.json` is /api/openapi.json,
// and the page keeps working behind a proxy that adds a path prefix.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Zhiliu API</title>
<link rel="icon" href="docs/favicon-32x32.png">
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/swagger-ui-standalone-preset.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
`

// A separate file rather than an inline script, so a Content-Security-Policy without 'unsafe-inline' allows it.
const INIT = `window.ui = SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
})
`

/** `GET /openapi.json` and the docs page with its assets; no sign-in needed. Mount under /api, before auth. */
export function createDocsRoutes(document: () => ReturnType<OpenAPIHono['getOpenAPI31Document']>) {
  const cache = new Map<string, Buffer>()
  return createRouter()
    .get('/openapi.json', (c) => c.json(document()))
    .get('/docs', (c) => {
      markOwnDocument(c)
      return c.html(PAGE)
    })
    .get('/docs/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/docs/:file', async (c) => {
      const file = c.req.param('file')
      const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined
      if (!type) return c.notFound()
      let content = cache.get(file)
      if (!content) {
        content = await readFile(join(swaggerDir, file))
        cache.set(file, content)
      }
      return c.body(new Uint8Array(content), 200, {
        'content-type': type,
        'cache-control': 'public, max-age=86400',
      })
    })
}

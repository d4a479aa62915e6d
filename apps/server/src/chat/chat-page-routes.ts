import type { AppDeps } from '../app-deps.ts'
import { markOwnDocument } from '../http/content-policy.ts'
import { createRouter } from '../http/create-router.ts'
import { CHAT_SCRIPT } from './chat-page-script.ts'
import { CHAT_STYLE } from './chat-page-style.ts'
import { WIDGET_SCRIPT } from './chat-widget-script.ts'

// The same shell for every app: nothing of the app is written into the HTML; the script reads the slug from the
// address and the settings from the API, so no flow text can ever be parsed as markup here.
const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="referrer" content="no-referrer">
<title>智流对话</title>
<link rel="stylesheet" href="/chat-assets/chat.css">
</head>
<body>
<main id="app"></main>
<script src="/chat-assets/chat.js"></script>
</body>
</html>
`

const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$|^[0-9a-f-]{36}$/

/**
 * The chat page `/chat/<slug>` and its assets, and the widget script other sites embed. The page is one of the
 * server's own documents (script from this server only) that any site may frame, for the widget; the widget
 * script may be loaded by any site. Whether the app exists is the API's answer, so the page itself never 404s
 * differently for a published and an unpublished app.
 */
export function createChatPageRoutes(_deps: AppDeps) {
  return createRouter()
    .get('/chat/:slug', (c) => {
      if (!SLUG.test(c.req.param('slug'))) return c.text('Not found', 404)
      markOwnDocument(c, { framable: true })
      c.header('cache-control', 'no-cache')
      return c.html(PAGE)
    })
    .get('/chat-assets/chat.js', (c) => {
      c.header('cache-control', 'public, max-age=300')
      return c.body(CHAT_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' })
    })
    .get('/chat-assets/chat.css', (c) => {
      c.header('cache-control', 'public, max-age=300')
      return c.body(CHAT_STYLE, 200, { 'content-type': 'text/css; charset=utf-8' })
    })
    .get('/chat-widget.js', (c) => {
      c.header('cache-control', 'public, max-age=300')
      // Loaded by other sites' pages as a classic script.
      c.header('cross-origin-resource-policy', 'cross-origin')
      return c.body(WIDGET_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' })
    })
}

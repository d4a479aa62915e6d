import { createRoute, z } from '@hono/zod-openapi'
import { markdownPage, missingPageDocument, PAGE_CSP, renderMarkdown } from '@zhiliu/documents'
import { toSlug } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, PUBLIC } from '../http/openapi-helpers.ts'
import { atomXml, rssXml } from './feeds/feed-xml.ts'
import { configuredBase, publishUrls } from './publish-urls.ts'

const FEED_ITEMS = 50
// Readers poll feeds often; a minute of caching spares the store without delaying news noticeably.
const CACHE = 'public, max-age=60'

const feed = createRoute({
  method: 'get',
  path: '/feeds/{file}',
  tags: ['publishing'],
  summary: 'A feed the publish.feed node fills: `<name>.xml` is RSS 2.0, `<name>.atom` is Atom; newest first',
  security: PUBLIC,
  request: { params: z.object({ file: z.string().max(400).openapi({ example: 'news.xml' }) }) },
  responses: {
    200: {
      description: 'The feed',
      content: {
        'application/rss+xml': { schema: z.string() },
        'application/atom+xml': { schema: z.string() },
      },
    },
    ...errors(404),
  },
})

const page = createRoute({
  method: 'get',
  path: '/p/{slug}',
  tags: ['publishing'],
  summary:
    'A page the publish.page node published: sanitised HTML, no script, a strict sandboxing Content-Security-Policy',
  security: PUBLIC,
  request: { params: z.object({ slug: z.string().max(400).openapi({ example: '台风-预警' }) }) },
  responses: {
    200: { description: 'The page', content: { 'text/html': { schema: z.string() } } },
    404: { description: 'No page at this address (an HTML page saying so)' },
  },
})

/** The public reading side of publishing: no session, read-only, everything sanitised on the way out. */
export function createPublishingRoutes(deps: Pick<AppDeps, 'store' | 'config'>) {
  return createRouter()
    .openapi(feed, async (c) => {
      const match = /^(.+)\.(xml|atom)$/.exec(c.req.valid('param').file)
      const name = toSlug(match?.[1] ?? '')
      const found = match && name ? await deps.store.getFeed(name, FEED_ITEMS) : undefined
      if (!match || !found) throw ApiError.notFound('Feed')
      const base = configuredBase(deps.config) || new URL(c.req.url).origin
      const urls = publishUrls(base)
      const absolute = (link: string) => (link.startsWith('/') ? `${base.replace(/\/+$/, '')}${link}` : link)
      const doc = { ...found, rssUrl: urls.rss(name), atomUrl: urls.atom(name), html: itemHtml, absolute }
      const atom = match[2] === 'atom'
      return c.body(atom ? atomXml(doc) : rssXml(doc), 200, {
        'content-type': atom ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8',
        'cache-control': CACHE,
      })
    })
    .openapi(page, async (c) => {
      const slug = toSlug(c.req.valid('param').slug)
      const found = slug ? await deps.store.getPage(slug) : undefined
      // The page's own policy plus `sandbox` (an opaque origin: nothing on it can act as the editor's origin),
      // which only a header can carry; the document repeats the rest in a <meta> for a copy saved to disk.
      const headers = {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `sandbox; ${PAGE_CSP}`,
      }
      if (!found) return c.body(missingPageDocument(), 404, { ...headers, 'cache-control': 'no-store' })
      const html = markdownPage({ title: found.title, body: found.body, updatedAt: found.updatedAt })
      return c.body(html, 200, { ...headers, 'cache-control': CACHE })
    })
}

// Items never change once added (a key adds one item, once), so their rendering can be remembered by id.
const rendered = new Map<string, string>()
const RENDERED_LIMIT = 2000

function itemHtml(item: { id: string; content: string }): string {
  const cached = rendered.get(item.id)
  if (cached !== undefined) return cached
  const html = renderMarkdown(item.content)
  if (rendered.size >= RENDERED_LIMIT) rendered.delete(rendered.keys().next().value ?? '')
  rendered.set(item.id, html)
  return html
}

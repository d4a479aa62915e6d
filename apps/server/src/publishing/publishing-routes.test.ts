import { PAGE_CSP } from '@zhiliu/documents'
import type { FeedItemRequest, Publisher } from '@zhiliu/nodes'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { createPublisher } from './create-publisher.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let clock = 0
let users: string[] = []
beforeEach(async () => {
  t = await createTestDeps({ config: { publicUrl: 'https://news.example.cn' } })
  app = createApp(t.deps)
  clock = Date.parse('2025-06-01T08:00:00Z')
  const user = (email: string) => t.deps.store.createUser({ email, passwordHash: 'x', role: 'editor' })
  users = [(await user('a@example.com')).id, (await user('b@example.com')).id]
})
afterEach(() => t.close())

/** The publisher a run of the first (or the second) user gets. */
const publisher = (user = 0): Publisher =>
  createPublisher(
    { store: t.deps.store, config: t.deps.config, now: () => clock },
    { ownerId: users[user] ?? '' },
  )
const get = (path: string) => app.request(path)
let seq = 0
const addItem = (fields: Partial<FeedItemRequest> = {}) => {
  seq += 1
  clock += 60_000
  return publisher().addFeedItem({
    key: `run_${seq}:feed`,
    feed: 'news',
    feedTitle: '',
    title: `Story ${seq}`,
    link: `https://news.example.cn/a/${seq}`,
    summary: '',
    content: `Body ${seq}`,
    author: '',
    guid: '',
    ...fields,
  })
}
const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'item' || n === 'entry' }).parse(xml)

/** Text nasty for XML: markup, entities, a CDATA terminator, a control character, a lone surrogate. */
const NASTY = 'A & B <b>"quoted"</b> \'x\' ]]> \u0001\u0008 \ud800 end'

describe('GET /feeds/:name.xml and .atom', () => {
  it('serves valid RSS 2.0 with the newest item first and absolute self links', async () => {
    await addItem({ title: 'older' })
    await addItem({ title: '最新', author: '记者 张三', summary: '摘要', content: '正文' })
    const res = await get('/feeds/news.xml')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    const xml = await res.text()
    expect(XMLValidator.validate(xml)).toBe(true)
    const { rss } = parse(xml)
    expect(rss['@_version']).toBe('2.0')
    expect(rss.channel['atom:link']['@_href']).toBe('https://news.example.cn/feeds/news.xml')
    expect(rss.channel.item.map((i: { title: string }) => i.title)).toEqual(['最新', 'older'])
    expect(rss.channel.item[0]).toMatchObject({
      'dc:creator': '记者 张三',
      description: '摘要',
      'content:encoded': '<p>正文</p>',
      pubDate: 'Sun, 01 Jun 2025 08:02:00 GMT',
    })
    expect(rss.channel.item[0].guid['#text']).toMatch(/^urn:uuid:[0-9a-f-]{36}$/)
  })

  it('serves the same items as valid Atom', async () => {
    await addItem({ title: 'one', guid: 'story-1', content: '*一*' })
    const res = await get('/feeds/news.atom')
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    const xml = await res.text()
    expect(XMLValidator.validate(xml)).toBe(true)
    const { feed } = parse(xml)
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom')
    expect(feed.entry[0]).toMatchObject({
      id: 'urn:zhiliu:feed:news:story-1',
      published: '2025-06-01T08:01:00.000Z',
      content: { '#text': '<p><em>一</em></p>', '@_type': 'html' },
    })
  })

  it('escapes everything, so hostile text keeps both forms well-formed', async () => {
    await addItem({
      title: NASTY,
      summary: NASTY,
      author: NASTY,
      content: NASTY,
      guid: NASTY,
      feedTitle: NASTY,
    })
    for (const path of ['/feeds/news.xml', '/feeds/news.atom']) {
      const xml = await (await get(path)).text()
      expect({ path, valid: XMLValidator.validate(xml) }).toEqual({ path, valid: true })
      expect(xml).not.toContain('<b>')
      expect(xml).not.toContain(']]>')
    }
  })

  it('sanitises item content like a page: no script reaches a feed reader', async () => {
    await addItem({
      content: 'ok <script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))',
    })
    const { rss } = parse(await (await get('/feeds/news.xml')).text())
    const html: string = rss.channel.item[0]['content:encoded']
    expect(html).toContain('ok')
    expect(html).not.toMatch(/<script|onerror|javascript:/i)
  })

  it('answers 404 for an unknown feed or suffix', async () => {
    await addItem()
    expect((await get('/feeds/missing.xml')).status).toBe(404)
    expect((await get('/feeds/news.json')).status).toBe(404)
    expect((await get('/feeds/news')).status).toBe(404)
  })
})

describe('GET /p/:slug', () => {
  const put = (fields: { key?: string; slug?: string; title?: string; body?: string } = {}) =>
    publisher().putPage({ key: 'run_1:page', slug: '台风-预警', title: '台风预警', body: '正文', ...fields })

  it('serves a mobile-friendly page with a strict Content-Security-Policy', async () => {
    const receipt = await put({ body: '## 最新\n\n- 停课\n- 停工' })
    expect(receipt.url).toBe('https://news.example.cn/p/%E5%8F%B0%E9%A3%8E-%E9%A2%84%E8%AD%A6')
    const res = await get('/p/%E5%8F%B0%E9%A3%8E-%E9%A2%84%E8%AD%A6')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    // Sandboxed too: an opaque origin, so nothing on the page can act as the editor's origin.
    expect(res.headers.get('content-security-policy')).toBe(`sandbox; ${PAGE_CSP}`)
    expect(PAGE_CSP).toContain("default-src 'none'; img-src https: data:; style-src 'unsafe-inline'")
    const html = await res.text()
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
    expect(html).toContain('<title>台风预警</title>')
    expect(html).toContain('<h2>最新</h2>')
    expect(html).toContain('<li>停课</li>')
  })

  it('lets no script through: script tags, event attributes, javascript: links, iframes, style expressions', async () => {
    await put({
      title: '<script>alert("title")</script>',
      body: [
        '<script>alert(1)</script>',
        '<img src="https://x.example/a.png" onerror="alert(1)">',
        '[点我](javascript:alert(1))',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(javascript:alert(1));width:expression(alert(1))">styled</p>',
        '<svg onload="alert(1)"></svg>',
      ].join('\n\n'),
    })
    const html = await (await get('/p/台风-预警')).text()
    const body = html.slice(html.indexOf('<body>'))
    expect(body).not.toMatch(/<script|<iframe|<svg|\son\w+=|javascript:|expression\(|style=/i)
    expect(html).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;')
    expect(body).toContain('<img src="https://x.example/a.png" />')
    expect(body).toContain('styled')
  })

  it('finds the page however its address is typed: decoded, encoded, full-width, upper case', async () => {
    await put({ slug: 'typhoon-2025' })
    for (const path of ['/p/typhoon-2025', '/p/TYPHOON-2025', '/p/%EF%BC%B4yphoon-2025']) {
      expect({ path, status: (await get(path)).status }).toEqual({ path, status: 200 })
    }
  })

  it('shows what a newer key published at the same address, and ignores a repeated key', async () => {
    await put({ key: 'run_1:page', body: 'first' })
    await put({ key: 'run_2:page', body: 'corrected' })
    expect(await put({ key: 'run_1:page', body: 'stale retry' })).toMatchObject({ duplicate: true })
    expect(await (await get('/p/台风-预警')).text()).toContain('<p>corrected</p>')
  })

  it('refuses another user’s address', async () => {
    await put()
    await expect(
      publisher(1).putPage({ key: 'run_x:page', slug: '台风-预警', title: 'x', body: 'x' }),
    ).rejects.toMatchObject({ code: 'PUBLISH_REFUSED' })
  })

  it('answers a missing page with a 404 page under the same policy', async () => {
    const res = await get('/p/nothing-here')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-security-policy')).toBe(`sandbox; ${PAGE_CSP}`)
    expect(await res.text()).toContain('<title>')
  })
})

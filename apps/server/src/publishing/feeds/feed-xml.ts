import type { Feed, FeedItem } from '@zhiliu/db'
import { escapeXml as x } from '@zhiliu/documents'

export interface FeedDocument {
  feed: Feed
  /** Newest first. */
  items: readonly FeedItem[]
  /** Absolute addresses of the two forms of this feed. */
  rssUrl: string
  atomUrl: string
  /** The item's content as sanitised HTML. */
  html(item: FeedItem): string
  /** Makes a link absolute: items may link to a path on this server, such as a published page. */
  absolute(link: string): string
}

const GENERATOR = 'Zhiliu'

/** RSS 2.0 with `content:encoded` for the full article and `dc:creator` for a byline (RSS's `author` wants e-mail). */
export function rssXml(doc: FeedDocument): string {
  const { feed } = doc
  const updated = doc.items[0]?.publishedAt ?? feed.updatedAt
  const items = doc.items.map((item) => {
    const html = doc.html(item)
    const permalink = item.guid === item.link && /^https?:\/\//.test(item.guid)
    return [
      '<item>',
      `<title>${x(item.title)}</title>`,
      item.link ? `<link>${x(doc.absolute(item.link))}</link>` : '',
      `<guid isPermaLink="${permalink}">${x(item.guid)}</guid>`,
      `<pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>`,
      item.author ? `<dc:creator>${x(item.author)}</dc:creator>` : '',
      `<description>${x(item.summary || html)}</description>`,
      `<content:encoded>${x(html)}</content:encoded>`,
      '</item>',
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" ' +
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${x(feed.title)}</title>`,
    `<link>${x(doc.rssUrl)}</link>`,
    `<description>${x(feed.title)}</description>`,
    `<atom:link href="${x(doc.rssUrl)}" rel="self" type="application/rss+xml"/>`,
    `<lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>`,
    `<generator>${GENERATOR}</generator>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n')
}

/** Atom (RFC 4287). Every entry needs an author, so the feed names itself as the fallback one. */
export function atomXml(doc: FeedDocument): string {
  const { feed } = doc
  const updated = new Date(doc.items[0]?.publishedAt ?? feed.updatedAt).toISOString()
  const entries = doc.items.map((item) => {
    const at = new Date(item.publishedAt).toISOString()
    return [
      '<entry>',
      `<id>${x(atomId(item.guid, feed.name))}</id>`,
      `<title type="text">${x(item.title)}</title>`,
      item.link ? `<link rel="alternate" href="${x(doc.absolute(item.link))}"/>` : '',
      `<published>${at}</published>`,
      `<updated>${at}</updated>`,
      item.author ? `<author><name>${x(item.author)}</name></author>` : '',
      item.summary ? `<summary type="text">${x(item.summary)}</summary>` : '',
      `<content type="html">${x(doc.html(item))}</content>`,
      '</entry>',
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${x(doc.atomUrl)}</id>`,
    `<title type="text">${x(feed.title)}</title>`,
    `<updated>${updated}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${x(doc.atomUrl)}"/>`,
    `<link rel="alternate" type="application/rss+xml" href="${x(doc.rssUrl)}"/>`,
    `<author><name>${x(feed.title)}</name></author>`,
    `<generator>${GENERATOR}</generator>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n')
}

/** An Atom id must be an IRI; a GUID chosen as plain text (`story-42`) is wrapped into one, stably. */
function atomId(guid: string, feed: string): string {
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(guid)
    ? guid
    : `urn:zhiliu:feed:${encodeURIComponent(feed)}:${encodeURIComponent(guid)}`
}

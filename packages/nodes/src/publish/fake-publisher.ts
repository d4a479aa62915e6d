import type {
  DemoRequest,
  FeedItemRequest,
  FileRequest,
  MailRequest,
  PageRequest,
  Publisher,
} from '../context.ts'

export interface FakePublisher extends Publisher {
  feedItems: FeedItemRequest[]
  pages: PageRequest[]
  files: FileRequest[]
  mails: MailRequest[]
  demos: DemoRequest[]
}

/**
 * Test support only: a `Publisher` that records every request and, like the server's, answers a key it has seen with
 * `duplicate: true` instead of publishing again.
 */
export function fakePublisher(): FakePublisher {
  const seen = new Set<string>()
  const first = (key: string) => {
    const duplicate = seen.has(key)
    seen.add(key)
    return duplicate
  }
  const at = '2025-01-02T03:04:05.000Z'
  const fake: FakePublisher = {
    feedItems: [],
    pages: [],
    files: [],
    mails: [],
    demos: [],
    async sendDemo(message) {
      const duplicate = first(message.key)
      if (!duplicate) fake.demos.push(message)
      return { id: `demo-${message.key}`, duplicate }
    },
    async addFeedItem(item) {
      const duplicate = first(item.key)
      if (!duplicate) fake.feedItems.push(item)
      const feedUrl = `/feeds/${item.feed}.xml`
      return {
        feed: item.feed,
        feedUrl,
        atomUrl: `/feeds/${item.feed}.atom`,
        guid: item.guid || 'urn:uuid:1',
        publishedAt: at,
        duplicate,
      }
    },
    async putPage(page) {
      const duplicate = first(page.key)
      if (!duplicate) fake.pages.push(page)
      return { slug: page.slug, url: `/p/${encodeURIComponent(page.slug)}`, updatedAt: at, duplicate }
    },
    async writeFile(file) {
      const duplicate = first(file.key)
      if (!duplicate) fake.files.push(file)
      const path = [file.folder, file.filename].filter(Boolean).join('/')
      return { path, bytes: new TextEncoder().encode(file.content).length, duplicate }
    },
    async sendMail(mail) {
      const duplicate = first(mail.key)
      if (!duplicate) fake.mails.push(mail)
      return { messageId: '<1@example.com>', accepted: [...mail.to, ...mail.cc], rejected: [], duplicate }
    },
  }
  return fake
}

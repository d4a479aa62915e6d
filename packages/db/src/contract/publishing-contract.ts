import { describe, expect, it } from 'vitest'
import type { DemoMessage, NewFeedItem } from '../publishing-store.ts'
import type { Access } from '../store.ts'
import type { ContractContext } from './contract-context.ts'

let seq = 0
const feedItem = (ownerId: string, fields: Partial<NewFeedItem> = {}): NewFeedItem => {
  seq += 1
  return {
    id: `item-${seq}`,
    key: `run-${seq}:post`,
    feed: 'news',
    feedTitle: '',
    ownerId,
    title: `Story ${seq}`,
    link: `https://news.example.com/${seq}`,
    summary: '',
    content: `Body ${seq}`,
    author: '',
    guid: `urn:uuid:${seq}`,
    publishedAt: 1_000 + seq,
    ...fields,
  }
}

export function describePublishing(ctx: ContractContext): void {
  describe('demo receiver', () => {
    const message = (ownerId: string, key: string, createdAt: number): DemoMessage => ({
      id: `demo-${key}`,
      key,
      ownerId,
      runId: 'run-1',
      channel: 'wecom',
      title: '',
      body: `**通知** ${key}`,
      format: 'markdown',
      createdAt,
    })

    it("keeps one message per key, and lists a user only theirs, newest first (an owner: everyone's)", async () => {
      const a = await ctx.user()
      const b = await ctx.user()
      const first = message(a.user.id, 'run-1:post', 1_000)
      expect(await ctx.store().addDemoMessage(first)).toEqual({ message: first, duplicate: false })
      const retried = { ...first, id: 'demo-other', body: 'changed on retry' }
      expect(await ctx.store().addDemoMessage(retried)).toEqual({ message: first, duplicate: true })
      await ctx.store().addDemoMessage(message(a.user.id, 'run-2:post', 3_000))
      await ctx.store().addDemoMessage(message(b.user.id, 'run-3:post', 2_000))
      const keys = async (access: Access, limit?: number) =>
        (await ctx.store().listDemoMessages(access, limit)).map((m) => m.key)
      expect(await keys(a.access)).toEqual(['run-2:post', 'run-1:post'])
      expect(await keys(a.access, 1)).toEqual(['run-2:post'])
      expect(await keys({ ...b.access, all: true })).toEqual(['run-2:post', 'run-3:post', 'run-1:post'])
    })
  })

  describe('feeds', () => {
    it('adds one item per key: a repeated key returns the first item and adds nothing', async () => {
      const { user } = await ctx.user()
      const first = feedItem(user.id, { key: 'run-a:post', title: 'First' })
      expect(await ctx.store().addFeedItem(first)).toEqual({ item: expectItem(first), duplicate: false })
      const retry = { ...first, id: 'another-id', title: 'Changed on retry', publishedAt: 9_999 }
      expect(await ctx.store().addFeedItem(retry)).toEqual({ item: expectItem(first), duplicate: true })
      expect((await ctx.store().getFeed('news'))?.items.map((i) => i.title)).toEqual(['First'])
    })

    it('lists items newest first, within the limit, and only those of the feed asked for', async () => {
      const { user } = await ctx.user()
      for (const publishedAt of [3_000, 1_000, 2_000]) {
        await ctx.store().addFeedItem(feedItem(user.id, { publishedAt, title: `at ${publishedAt}` }))
      }
      await ctx.store().addFeedItem(feedItem(user.id, { feed: 'sports', title: 'elsewhere' }))
      const feed = await ctx.store().getFeed('news', 2)
      expect(feed?.items.map((i) => i.title)).toEqual(['at 3000', 'at 2000'])
      expect(await ctx.store().getFeed('missing')).toBeUndefined()
    })

    it('creates the feed for its first publisher, titled by name until a title is given', async () => {
      const { user } = await ctx.user()
      await ctx.store().addFeedItem(feedItem(user.id, { publishedAt: 5_000 }))
      expect((await ctx.store().getFeed('news'))?.feed).toEqual({
        name: 'news',
        ownerId: user.id,
        title: 'news',
        createdAt: 5_000,
        updatedAt: 5_000,
      })
      await ctx.store().addFeedItem(feedItem(user.id, { feedTitle: '本地新闻', publishedAt: 6_000 }))
      await ctx.store().addFeedItem(feedItem(user.id, { feedTitle: '', publishedAt: 7_000 }))
      expect((await ctx.store().getFeed('news'))?.feed).toMatchObject({ title: '本地新闻', updatedAt: 7_000 })
    })

    it("refuses an item for another user's feed", async () => {
      const alice = await ctx.user()
      const bob = await ctx.user()
      await ctx.store().addFeedItem(feedItem(alice.user.id))
      await expect(ctx.store().addFeedItem(feedItem(bob.user.id))).rejects.toMatchObject({ code: 'CONFLICT' })
      expect((await ctx.store().getFeed('news'))?.items).toHaveLength(1)
    })

    it('lets exactly one of many concurrent adds with one key through', async () => {
      const { user } = await ctx.user()
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          ctx.store().addFeedItem(feedItem(user.id, { key: 'same', id: `concurrent-${i}` })),
        ),
      )
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1)
      expect((await ctx.store().getFeed('news'))?.items).toHaveLength(1)
    })
  })

  describe('pages', () => {
    const page = (ownerId: string, key: string, title: string, now: number) => ({
      key,
      ownerId,
      slug: '台风-预警',
      title,
      body: `# ${title}`,
      now,
    })

    it('updates the page for a new key, keeps createdAt, and changes nothing for a repeated key', async () => {
      const { user } = await ctx.user()
      const first = await ctx.store().putPage(page(user.id, 'run-1:page', 'v1', 1_000))
      expect(first).toEqual({
        page: {
          slug: '台风-预警',
          ownerId: user.id,
          title: 'v1',
          body: '# v1',
          createdAt: 1_000,
          updatedAt: 1_000,
        },
        duplicate: false,
      })
      await ctx.store().putPage(page(user.id, 'run-2:page', 'v2', 2_000))
      const retried = await ctx.store().putPage(page(user.id, 'run-1:page', 'v1 again', 3_000))
      expect(retried.duplicate).toBe(true)
      expect(await ctx.store().getPage('台风-预警')).toMatchObject({
        title: 'v2',
        createdAt: 1_000,
        updatedAt: 2_000,
      })
      expect(await ctx.store().getPage('missing')).toBeUndefined()
    })

    it("refuses to overwrite another user's page", async () => {
      const alice = await ctx.user()
      const bob = await ctx.user()
      await ctx.store().putPage(page(alice.user.id, 'a', 'Alice', 1_000))
      await expect(ctx.store().putPage(page(bob.user.id, 'b', 'Bob', 2_000))).rejects.toMatchObject({
        code: 'CONFLICT',
      })
      expect((await ctx.store().getPage('台风-预警'))?.title).toBe('Alice')
    })
  })

  describe('publish claims', () => {
    it('claims a key once; others see it pending, then done with its result', async () => {
      const { user } = await ctx.user()
      const claim = (now: number) =>
        ctx.store().claimPublish({ key: 'run-1:mail', kind: 'mail', ownerId: user.id, now })
      expect(await claim(1_000)).toEqual({ status: 'claimed' })
      expect(await claim(2_000)).toEqual({ status: 'pending', since: 1_000 })
      await ctx.store().finishPublish('run-1:mail', { messageId: '<a@b>', accepted: ['x@y.cn'] }, 3_000)
      expect(await claim(4_000)).toEqual({
        status: 'done',
        result: { messageId: '<a@b>', accepted: ['x@y.cn'] },
      })
    })

    it('frees a released pending claim, but never a finished one', async () => {
      const { user } = await ctx.user()
      const claim = (key: string) => ctx.store().claimPublish({ key, kind: 'file', ownerId: user.id, now: 1 })
      await claim('released')
      await ctx.store().releasePublish('released')
      expect(await claim('released')).toEqual({ status: 'claimed' })
      await claim('finished')
      await ctx.store().finishPublish('finished', { path: 'a.md' }, 2)
      await ctx.store().releasePublish('finished')
      expect(await claim('finished')).toEqual({ status: 'done', result: { path: 'a.md' } })
    })

    it('lets exactly one of many concurrent claims of a key win', async () => {
      const { user } = await ctx.user()
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          ctx.store().claimPublish({ key: 'same', kind: 'mail', ownerId: user.id, now: 1 }),
        ),
      )
      expect(results.filter((r) => r.status === 'claimed')).toHaveLength(1)
    })
  })
}

/** The stored row: everything but the fields that only steer the write. */
function expectItem({ ownerId: _, feedTitle: __, ...item }: NewFeedItem) {
  return item
}

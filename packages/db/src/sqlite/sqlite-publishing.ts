import { and, desc, eq } from 'drizzle-orm'
import type { PublishingStore } from '../publishing-store.ts'
import { demoLimit, MAX_FEED_ITEMS } from '../publishing-store.ts'
import { demoMessages, feedItems, feeds, pages, publishReceipts } from '../schema/sqlite/index.ts'
import { ownedBy } from '../scope.ts'
import { StoreError } from '../store-error.ts'
import type { SqliteDb } from './open-sqlite.ts'

const taken = (what: string, name: string) =>
  new StoreError('CONFLICT', `the ${what} "${name}" belongs to another user`, { [what]: name })

export function createSqlitePublishing(db: SqliteDb): PublishingStore {
  return {
    async addFeedItem({ ownerId, feedTitle, ...item }) {
      // IMMEDIATE: a second process adding the same key waits for this one and then finds its item.
      return db.transaction(
        (tx) => {
          const earlier = tx.select().from(feedItems).where(eq(feedItems.key, item.key)).get()
          if (earlier) return { item: earlier, duplicate: true }
          const feed = tx.select().from(feeds).where(eq(feeds.name, item.feed)).get()
          if (feed && feed.ownerId !== ownerId) throw taken('feed', item.feed)
          const now = item.publishedAt
          if (!feed) {
            const title = feedTitle || item.feed
            tx.insert(feeds).values({ name: item.feed, ownerId, title, createdAt: now, updatedAt: now }).run()
          } else {
            tx.update(feeds)
              .set({ ...(feedTitle ? { title: feedTitle } : {}), updatedAt: now })
              .where(eq(feeds.name, item.feed))
              .run()
          }
          tx.insert(feedItems).values(item).run()
          return { item, duplicate: false }
        },
        { behavior: 'immediate' },
      )
    },
    async getFeed(name, limit = 50) {
      const feed = db.select().from(feeds).where(eq(feeds.name, name)).get()
      if (!feed) return undefined
      const items = db
        .select()
        .from(feedItems)
        .where(eq(feedItems.feed, name))
        .orderBy(desc(feedItems.publishedAt), desc(feedItems.id))
        .limit(Math.min(MAX_FEED_ITEMS, Math.max(1, Math.trunc(limit) || 1)))
        .all()
      return { feed, items }
    },
    async putPage({ key, now, ...page }) {
      return db.transaction(
        (tx) => {
          const current = tx.select().from(pages).where(eq(pages.slug, page.slug)).get()
          const earlier = tx.select().from(publishReceipts).where(eq(publishReceipts.key, key)).get()
          if (earlier && current) return { page: current, duplicate: true }
          if (current && current.ownerId !== page.ownerId) throw taken('page', page.slug)
          const row = { ...page, createdAt: current?.createdAt ?? now, updatedAt: now }
          tx.insert(pages)
            .values(row)
            .onConflictDoUpdate({
              target: pages.slug,
              set: { title: row.title, body: row.body, updatedAt: now },
            })
            .run()
          tx.insert(publishReceipts)
            .values({
              key,
              kind: 'page',
              ownerId: page.ownerId,
              state: 'done',
              result: { slug: page.slug },
              createdAt: now,
              updatedAt: now,
            })
            .onConflictDoNothing()
            .run()
          return { page: row, duplicate: false }
        },
        { behavior: 'immediate' },
      )
    },
    async getPage(slug) {
      return db.select().from(pages).where(eq(pages.slug, slug)).get()
    },
    async claimPublish({ key, kind, ownerId, now }) {
      return db.transaction(
        (tx) => {
          const won = tx
            .insert(publishReceipts)
            .values({ key, kind, ownerId, state: 'pending', createdAt: now, updatedAt: now })
            .onConflictDoNothing()
            .run()
          if (won.changes > 0) return { status: 'claimed' } as const
          const held = tx.select().from(publishReceipts).where(eq(publishReceipts.key, key)).get()
          if (!held) throw new Error('a publish claim vanished inside its own transaction')
          return held.state === 'done'
            ? ({ status: 'done', result: held.result } as const)
            : ({ status: 'pending', since: held.createdAt } as const)
        },
        { behavior: 'immediate' },
      )
    },
    async finishPublish(key, result, now) {
      db.update(publishReceipts)
        .set({ state: 'done', result, updatedAt: now })
        .where(eq(publishReceipts.key, key))
        .run()
    },
    async releasePublish(key) {
      db.delete(publishReceipts)
        .where(and(eq(publishReceipts.key, key), eq(publishReceipts.state, 'pending')))
        .run()
    },
    async addDemoMessage(message) {
      return db.transaction(
        (tx) => {
          const earlier = tx.select().from(demoMessages).where(eq(demoMessages.key, message.key)).get()
          if (earlier) return { message: earlier, duplicate: true }
          tx.insert(demoMessages).values(message).run()
          return { message, duplicate: false }
        },
        { behavior: 'immediate' },
      )
    },
    async listDemoMessages(access, limit = 50) {
      return db
        .select()
        .from(demoMessages)
        .where(ownedBy(demoMessages.ownerId, access))
        .orderBy(desc(demoMessages.createdAt), desc(demoMessages.id))
        .limit(demoLimit(limit))
        .all()
    },
  }
}

import { and, desc, eq } from 'drizzle-orm'
import type { PublishingStore } from '../publishing-store.ts'
import { demoLimit, MAX_FEED_ITEMS } from '../publishing-store.ts'
import { demoMessages, feedItems, feeds, pages, publishReceipts } from '../schema/pg/index.ts'
import { ownedBy } from '../scope.ts'
import { StoreError } from '../store-error.ts'
import { lockKey } from './lock-key.ts'
import type { PgDb } from './open-pg.ts'

const taken = (what: string, name: string) =>
  new StoreError('CONFLICT', `the ${what} "${name}" belongs to another user`, { [what]: name })

/** A holder can vanish between our conflict and our read only when released; a few tries always settle it. */
const CLAIM_ATTEMPTS = 3

export function createPgPublishing(db: PgDb): PublishingStore {
  return {
    async addFeedItem({ ownerId, feedTitle, ...item }) {
      return db.transaction(async (tx) => {
        // Per feed, one adder at a time: a second process adding the same key waits and then finds its item, and
        // two first items of a new feed cannot both create it.
        await lockKey(tx, 'feed', item.feed)
        const [earlier] = await tx.select().from(feedItems).where(eq(feedItems.key, item.key))
        if (earlier) return { item: earlier, duplicate: true }
        const [feed] = await tx.select().from(feeds).where(eq(feeds.name, item.feed))
        if (feed && feed.ownerId !== ownerId) throw taken('feed', item.feed)
        const now = item.publishedAt
        if (!feed) {
          const title = feedTitle || item.feed
          await tx.insert(feeds).values({ name: item.feed, ownerId, title, createdAt: now, updatedAt: now })
        } else {
          await tx
            .update(feeds)
            .set({ ...(feedTitle ? { title: feedTitle } : {}), updatedAt: now })
            .where(eq(feeds.name, item.feed))
        }
        await tx.insert(feedItems).values(item)
        return { item, duplicate: false }
      })
    },
    async getFeed(name, limit = 50) {
      const [feed] = await db.select().from(feeds).where(eq(feeds.name, name))
      if (!feed) return undefined
      const items = await db
        .select()
        .from(feedItems)
        .where(eq(feedItems.feed, name))
        .orderBy(desc(feedItems.publishedAt), desc(feedItems.id))
        .limit(Math.min(MAX_FEED_ITEMS, Math.max(1, Math.trunc(limit) || 1)))
      return { feed, items }
    },
    async putPage({ key, now, ...page }) {
      return db.transaction(async (tx) => {
        // Per slug, one writer at a time, as addFeedItem per feed.
        await lockKey(tx, 'page', page.slug)
        const [current] = await tx.select().from(pages).where(eq(pages.slug, page.slug))
        const [earlier] = await tx.select().from(publishReceipts).where(eq(publishReceipts.key, key))
        if (earlier && current) return { page: current, duplicate: true }
        if (current && current.ownerId !== page.ownerId) throw taken('page', page.slug)
        const row = { ...page, createdAt: current?.createdAt ?? now, updatedAt: now }
        await tx
          .insert(pages)
          .values(row)
          .onConflictDoUpdate({
            target: pages.slug,
            set: { title: row.title, body: row.body, updatedAt: now },
          })
        await tx
          .insert(publishReceipts)
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
        return { page: row, duplicate: false }
      })
    },
    async getPage(slug) {
      const [row] = await db.select().from(pages).where(eq(pages.slug, slug))
      return row
    },
    async claimPublish({ key, kind, ownerId, now }) {
      for (let attempt = 1; ; attempt++) {
        // The primary key decides: of concurrent inserts exactly one gets its row back.
        const won = await db
          .insert(publishReceipts)
          .values({ key, kind, ownerId, state: 'pending', createdAt: now, updatedAt: now })
          .onConflictDoNothing()
          .returning({ key: publishReceipts.key })
        if (won.length > 0) return { status: 'claimed' }
        const [held] = await db.select().from(publishReceipts).where(eq(publishReceipts.key, key))
        if (held) {
          return held.state === 'done'
            ? { status: 'done', result: held.result }
            : { status: 'pending', since: held.createdAt }
        }
        if (attempt >= CLAIM_ATTEMPTS) throw new Error('a publish claim kept vanishing while it was read')
      }
    },
    async finishPublish(key, result, now) {
      await db
        .update(publishReceipts)
        .set({ state: 'done', result, updatedAt: now })
        .where(eq(publishReceipts.key, key))
    },
    async releasePublish(key) {
      await db
        .delete(publishReceipts)
        .where(and(eq(publishReceipts.key, key), eq(publishReceipts.state, 'pending')))
    },
    async addDemoMessage(message) {
      // ON CONFLICT: of two processes resuming one run, one inserts and the other reads what it inserted.
      const [added] = await db.insert(demoMessages).values(message).onConflictDoNothing().returning()
      if (added) return { message: added, duplicate: false }
      const [earlier] = await db.select().from(demoMessages).where(eq(demoMessages.key, message.key))
      if (!earlier) throw new StoreError('CONFLICT', `demo message id "${message.id}" is taken`)
      return { message: earlier, duplicate: true }
    },
    async listDemoMessages(access, limit = 50) {
      return db
        .select()
        .from(demoMessages)
        .where(ownedBy(demoMessages.ownerId, access))
        .orderBy(desc(demoMessages.createdAt), desc(demoMessages.id))
        .limit(demoLimit(limit))
    },
  }
}

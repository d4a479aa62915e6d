import type { demoMessages, feedItems, feeds, pages, publishKinds } from './schema/sqlite/index.ts'
import type { Access } from './store.ts'

export type Feed = typeof feeds.$inferSelect
export type FeedItem = typeof feedItems.$inferSelect
export type Page = typeof pages.$inferSelect
export type PublishKind = (typeof publishKinds)[number]
export type DemoMessage = typeof demoMessages.$inferSelect

/** `id` and `guid` are chosen by the caller; `feedTitle` empty keeps the feed's title (a new feed takes its name). */
export type NewFeedItem = FeedItem & { ownerId: string; feedTitle: string }
export type NewPage = Pick<Page, 'slug' | 'ownerId' | 'title' | 'body'> & { key: string; now: number }

export type PublishClaim =
  | { status: 'claimed' }
  /** Claimed earlier and neither finished nor released: that attempt may or may not have sent. */
  | { status: 'pending'; since: number }
  | { status: 'done'; result: unknown }

/** Newest first, at most this many items per feed read. */
export const MAX_FEED_ITEMS = 100

/**
 * What the publish nodes store. Unscoped: the server calls it for a run's owner (`ownerId`), and the public routes
 * read feeds and pages by name. Each write is keyed by the node's idempotency key and is atomic, so a retried or
 * resumed run, or two processes resuming it together, never publish twice.
 */
export interface PublishingStore {
  /**
   * Adds the item, creating its feed for `ownerId` on first use. A key seen before adds nothing and returns the item
   * it added (`duplicate: true`). Throws StoreError CONFLICT when another user owns the feed.
   */
  addFeedItem(item: NewFeedItem): Promise<{ item: FeedItem; duplicate: boolean }>
  /** The feed and its newest items (publishedAt, then id, descending), at most `limit` (1..MAX_FEED_ITEMS). */
  getFeed(name: string, limit?: number): Promise<{ feed: Feed; items: FeedItem[] } | undefined>
  /**
   * Creates or replaces the page at `slug`, keeping `createdAt`. A key seen before changes nothing and returns the
   * page as it is now (`duplicate: true`). Throws StoreError CONFLICT when another user owns the slug.
   */
  putPage(page: NewPage): Promise<{ page: Page; duplicate: boolean }>
  getPage(slug: string): Promise<Page | undefined>
  /** Claims a key before a send; of concurrent claims exactly one gets `claimed`, the rest see what it left. */
  claimPublish(claim: { key: string; kind: PublishKind; ownerId: string; now: number }): Promise<PublishClaim>
  /** Records the result of a claimed send; later claims of the key get `done` with it. */
  finishPublish(key: string, result: unknown, now: number): Promise<void>
  /** Forgets a pending claim whose send surely did not happen, so a retry may send. A finished one stays. */
  releasePublish(key: string): Promise<void>
  /** Keeps what a publish node sent to the demo receiver. A key seen before adds nothing and returns that message. */
  addDemoMessage(message: DemoMessage): Promise<{ message: DemoMessage; duplicate: boolean }>
  /** The messages `access` may see (an owner: everyone's), newest first, at most `limit` (1..MAX_DEMO_MESSAGES). */
  listDemoMessages(access: Access, limit?: number): Promise<DemoMessage[]>
}

export const MAX_DEMO_MESSAGES = 200

/** `limit` clamped to 1..MAX_DEMO_MESSAGES. */
export const demoLimit = (limit: number) => Math.min(MAX_DEMO_MESSAGES, Math.max(1, Math.trunc(limit) || 1))

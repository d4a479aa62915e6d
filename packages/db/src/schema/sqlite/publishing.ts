import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { inList } from '../in-list.ts'
import { users } from './users.ts'

// What the publish nodes host and send. Every write is keyed by the node's idempotency key, so a retried or resumed
// run finds its earlier write instead of making a second one.

/** A hosted feed, `/feeds/<name>.xml`. The first user to publish to a name owns it. */
export const feeds = sqliteTable('feeds', {
  name: text('name').primaryKey(),
  ownerId: text('owner_id')
    .notNull()
    .references(() => users.id),
  title: text('title').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

export const feedItems = sqliteTable(
  'feed_items',
  {
    id: text('id').primaryKey(),
    feed: text('feed')
      .notNull()
      .references(() => feeds.name, { onDelete: 'cascade' }),
    /** The publishing node's idempotency key: one item per key, ever. */
    key: text('key').notNull().unique(),
    title: text('title').notNull(),
    link: text('link').notNull(),
    summary: text('summary').notNull(),
    /** Markdown as published; rendered and sanitised when the feed is served. */
    content: text('content').notNull(),
    author: text('author').notNull(),
    guid: text('guid').notNull(),
    publishedAt: integer('published_at').notNull(),
  },
  // Feeds are read newest first with `id` as the tie-break; SQLite walks this index backwards.
  (t) => [index('feed_items_feed_published_idx').on(t.feed, t.publishedAt, t.id)],
)

/** A hosted page, `/p/<slug>`. Republishing with a new key updates it in place; its first owner keeps it. */
export const pages = sqliteTable('pages', {
  slug: text('slug').primaryKey(),
  ownerId: text('owner_id')
    .notNull()
    .references(() => users.id),
  title: text('title').notNull(),
  /** Markdown as published; rendered and sanitised when the page is served. */
  body: text('body').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

export const publishKinds = ['page', 'file', 'mail'] as const
export const publishStates = ['pending', 'done'] as const

/**
 * What a publish key did. `pending` is claimed before a send whose outcome the store cannot see (an e-mail, a
 * file), `done` holds the result to answer a repeat with.
 */
export const publishReceipts = sqliteTable(
  'publish_receipts',
  {
    key: text('key').primaryKey(),
    kind: text('kind', { enum: publishKinds }).notNull(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    state: text('state', { enum: publishStates }).notNull(),
    result: text('result', { mode: 'json' }).$type<unknown>(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    check('publish_receipts_kind_check', sql`${t.kind} in ${inList(publishKinds)}`),
    check('publish_receipts_state_check', sql`${t.state} in ${inList(publishStates)}`),
  ],
)

/** Where a demo message pretends to go: the publish nodes that can send to the built-in demo receiver. */
export const demoChannels = ['wecom', 'dingtalk', 'feishu', 'email'] as const
export const demoFormats = ['text', 'markdown'] as const

/**
 * What a publish node sent to the built-in 演示接收端 instead of a real group chat or mailbox, so a class runs a
 * template to the end offline. Shown in the editor as text (or sanitised Markdown), never as HTML.
 */
export const demoMessages = sqliteTable(
  'demo_messages',
  {
    id: text('id').primaryKey(),
    /** The publishing node's idempotency key: a retried or resumed run shows its message once. */
    key: text('key').notNull().unique(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    runId: text('run_id'),
    channel: text('channel', { enum: demoChannels }).notNull(),
    /** The e-mail subject, a card's title; empty for a plain chat message. */
    title: text('title').notNull(),
    body: text('body').notNull(),
    format: text('format', { enum: demoFormats }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('demo_messages_owner_created_idx').on(t.ownerId, t.createdAt),
    check('demo_messages_channel_check', sql`${t.channel} in ${inList(demoChannels)}`),
    check('demo_messages_format_check', sql`${t.format} in ${inList(demoFormats)}`),
  ],
)

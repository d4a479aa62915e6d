import { sql } from 'drizzle-orm'
import { check, index, pgTable, text } from 'drizzle-orm/pg-core'
import { inList } from '../in-list.ts'
import { demoChannels, demoFormats, publishKinds, publishStates } from '../sqlite/publishing.ts'
import { jsonValue } from './json-value.ts'
import { ms } from './ms.ts'
import { users } from './users.ts'

// Mirrors schema/sqlite/publishing.ts: what the publish nodes host and send, every write keyed by the node's
// idempotency key.

export const feeds = pgTable('feeds', {
  name: text('name').primaryKey(),
  ownerId: text('owner_id')
    .notNull()
    .references(() => users.id),
  title: text('title').notNull(),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
})

export const feedItems = pgTable(
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
    content: text('content').notNull(),
    author: text('author').notNull(),
    guid: text('guid').notNull(),
    publishedAt: ms('published_at').notNull(),
  },
  (t) => [index('feed_items_feed_published_idx').on(t.feed, t.publishedAt, t.id)],
)

export const pages = pgTable('pages', {
  slug: text('slug').primaryKey(),
  ownerId: text('owner_id')
    .notNull()
    .references(() => users.id),
  title: text('title').notNull(),
  body: text('body').notNull(),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
})

export const publishReceipts = pgTable(
  'publish_receipts',
  {
    key: text('key').primaryKey(),
    kind: text('kind', { enum: publishKinds }).notNull(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    state: text('state', { enum: publishStates }).notNull(),
    result: jsonValue('result').$type<unknown>(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    check('publish_receipts_kind_check', sql`${t.kind} in ${inList(publishKinds)}`),
    check('publish_receipts_state_check', sql`${t.state} in ${inList(publishStates)}`),
  ],
)

/** See schema/sqlite/publishing.ts. */
export const demoMessages = pgTable(
  'demo_messages',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull().unique(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    runId: text('run_id'),
    channel: text('channel', { enum: demoChannels }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    format: text('format', { enum: demoFormats }).notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    index('demo_messages_owner_created_idx').on(t.ownerId, t.createdAt),
    check('demo_messages_channel_check', sql`${t.channel} in ${inList(demoChannels)}`),
    check('demo_messages_format_check', sql`${t.format} in ${inList(demoFormats)}`),
  ],
)

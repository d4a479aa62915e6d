import { index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { bytea } from './bytea.ts'
import { ms } from './ms.ts'
import { users } from './users.ts'

// Mirrors schema/sqlite/knowledge.ts column for column.

const kbDocumentStatuses = ['parsing', 'chunking', 'indexing', 'ready', 'failed'] as const

export const knowledgeBases = pgTable(
  'knowledge_bases',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    embeddingProviderId: text('embedding_provider_id'),
    embeddingModel: text('embedding_model').notNull(),
    sample: text('sample'),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('knowledge_bases_owner_idx').on(t.ownerId)],
)

export const kbDocuments = pgTable(
  'kb_documents',
  {
    id: text('id').primaryKey(),
    kbId: text('kb_id')
      .notNull()
      .references(() => knowledgeBases.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mimeType: text('mime_type').notNull(),
    sourceUrl: text('source_url'),
    bytes: integer('bytes').notNull(),
    content: bytea('content').notNull(),
    status: text('status', { enum: kbDocumentStatuses }).notNull(),
    error: text('error'),
    chunkCount: integer('chunk_count').notNull().default(0),
    leaseUntil: ms('lease_until').notNull().default(0),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('kb_documents_name_idx').on(t.kbId, t.name),
    index('kb_documents_status_idx').on(t.status),
  ],
)

export const kbChunks = pgTable(
  'kb_chunks',
  {
    id: text('id').primaryKey(),
    kbId: text('kb_id')
      .notNull()
      .references(() => knowledgeBases.id, { onDelete: 'cascade' }),
    documentId: text('document_id')
      .notNull()
      .references(() => kbDocuments.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    heading: text('heading'),
    text: text('text').notNull(),
    length: integer('length').notNull(),
    embedding: bytea('embedding'),
  },
  (t) => [index('kb_chunks_document_idx').on(t.documentId, t.position), index('kb_chunks_kb_idx').on(t.kbId)],
)

export const kbTerms = pgTable(
  'kb_terms',
  {
    kbId: text('kb_id').notNull(),
    term: text('term').notNull(),
    chunkId: text('chunk_id')
      .notNull()
      .references(() => kbChunks.id, { onDelete: 'cascade' }),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kbId, t.term, t.chunkId] }), index('kb_terms_chunk_idx').on(t.chunkId)],
)

import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { users } from './users.ts'

export const kbDocumentStatuses = ['parsing', 'chunking', 'indexing', 'ready', 'failed'] as const

/**
 * A knowledge base (知识库): documents cut into chunks, each found by its words (kb_terms, BM25) and by its
 * embedding. `embeddingModel` is what its vectors were made with; `embeddingProviderId` the owner's model-provider
 * credential (null: the default provider, or the offline demo embedding when none is configured).
 */
export const knowledgeBases = sqliteTable(
  'knowledge_bases',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    embeddingProviderId: text('embedding_provider_id'),
    embeddingModel: text('embedding_model').notNull(),
    /** The templates/knowledge folder it was imported from (from-sample), so it is found again though renamed. */
    sample: text('sample'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('knowledge_bases_owner_idx').on(t.ownerId)],
)

/**
 * An uploaded document. Its bytes stay here so that any process can (re)process it: a document not ready nor failed
 * is work, claimed by whichever process leases it first (`leaseUntil`), so a crash mid-way is picked up again.
 */
export const kbDocuments = sqliteTable(
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
    content: blob('content', { mode: 'buffer' }).notNull(),
    status: text('status', { enum: kbDocumentStatuses }).notNull(),
    error: text('error'),
    chunkCount: integer('chunk_count').notNull().default(0),
    leaseUntil: integer('lease_until').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('kb_documents_name_idx').on(t.kbId, t.name),
    index('kb_documents_status_idx').on(t.status),
  ],
)

/** A piece of a document as retrieval returns it; `embedding` is little-endian float32. */
export const kbChunks = sqliteTable(
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
    /** Terms the segmenter found, counted with repeats: BM25's document length. */
    length: integer('length').notNull(),
    embedding: blob('embedding', { mode: 'buffer' }),
  },
  (t) => [index('kb_chunks_document_idx').on(t.documentId, t.position), index('kb_chunks_kb_idx').on(t.kbId)],
)

/** The keyword index: how often each term occurs in each chunk. */
export const kbTerms = sqliteTable(
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

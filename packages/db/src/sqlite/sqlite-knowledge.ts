import { and, asc, desc, eq, inArray, lte, notInArray, sql } from 'drizzle-orm'
import { type KnowledgeStore, vectorBytes } from '../knowledge-store.ts'
import { kbChunks, kbDocuments, kbTerms, knowledgeBases } from '../schema/sqlite/index.ts'
import { ownedBy } from '../scope.ts'
import type { Access } from '../store.ts'
import type { SqliteDb } from './open-sqlite.ts'
import type { SqliteVectorIndex } from './sqlite-vector-index.ts'

const listed = {
  id: kbDocuments.id,
  kbId: kbDocuments.kbId,
  name: kbDocuments.name,
  mimeType: kbDocuments.mimeType,
  sourceUrl: kbDocuments.sourceUrl,
  bytes: kbDocuments.bytes,
  status: kbDocuments.status,
  error: kbDocuments.error,
  chunkCount: kbDocuments.chunkCount,
  createdAt: kbDocuments.createdAt,
  updatedAt: kbDocuments.updatedAt,
}
const chunkColumns = {
  id: kbChunks.id,
  kbId: kbChunks.kbId,
  documentId: kbChunks.documentId,
  position: kbChunks.position,
  heading: kbChunks.heading,
  text: kbChunks.text,
  length: kbChunks.length,
}
const finished = ['ready', 'failed'] as const

export function createSqliteKnowledge(db: SqliteDb, vectors: SqliteVectorIndex): KnowledgeStore {
  const reach = (access: Access, id: string) =>
    db
      .select()
      .from(knowledgeBases)
      .where(and(eq(knowledgeBases.id, id), ownedBy(knowledgeBases.ownerId, access)))
      .get()
  return {
    async createKnowledgeBase(access, kb) {
      const row = { ...kb, sample: kb.sample ?? null, ownerId: access.userId, updatedAt: kb.createdAt }
      db.insert(knowledgeBases).values(row).run()
      return row
    },
    async listKnowledgeBases(access) {
      return db
        .select()
        .from(knowledgeBases)
        .where(ownedBy(knowledgeBases.ownerId, access))
        .orderBy(desc(knowledgeBases.createdAt), desc(knowledgeBases.id))
        .all()
    },
    async getKnowledgeBase(access, id) {
      return reach(access, id)
    },
    async updateKnowledgeBase(access, id, patch, now) {
      return db.transaction((tx) => {
        const kb = reach(access, id)
        if (!kb) return undefined
        const next = { ...kb, ...patch, updatedAt: now }
        tx.update(knowledgeBases).set(next).where(eq(knowledgeBases.id, id)).run()
        if (
          next.embeddingModel !== kb.embeddingModel ||
          next.embeddingProviderId !== kb.embeddingProviderId
        ) {
          tx.update(kbDocuments)
            .set({ status: 'parsing', error: null, leaseUntil: 0, updatedAt: now })
            .where(eq(kbDocuments.kbId, id))
            .run()
        }
        return next
      })
    },
    async deleteKnowledgeBase(access, id) {
      if (!reach(access, id)) return false
      return db.delete(knowledgeBases).where(eq(knowledgeBases.id, id)).run().changes > 0
    },
    async saveKbDocument(access, doc) {
      return db.transaction((tx) => {
        if (!reach(access, doc.kbId)) return undefined
        const old = tx
          .select({ id: kbDocuments.id, createdAt: kbDocuments.createdAt })
          .from(kbDocuments)
          .where(and(eq(kbDocuments.kbId, doc.kbId), eq(kbDocuments.name, doc.name)))
          .get()
        const id = old?.id ?? doc.id
        const createdAt = old?.createdAt ?? doc.createdAt
        const content = Buffer.from(doc.content)
        const row = {
          ...doc,
          id,
          content,
          bytes: content.byteLength,
          status: 'parsing' as const,
          error: null,
          chunkCount: 0,
          leaseUntil: 0,
          createdAt,
          updatedAt: doc.createdAt,
        }
        if (old) {
          tx.delete(kbChunks).where(eq(kbChunks.documentId, id)).run()
          tx.update(kbDocuments).set(row).where(eq(kbDocuments.id, id)).run()
        } else tx.insert(kbDocuments).values(row).run()
        const { content: _c, leaseUntil: _l, ...shown } = row
        return shown
      })
    },
    async listKbDocuments(access, kbId) {
      if (!reach(access, kbId)) return undefined
      return db
        .select(listed)
        .from(kbDocuments)
        .where(eq(kbDocuments.kbId, kbId))
        .orderBy(asc(kbDocuments.createdAt), asc(kbDocuments.name))
        .all()
    },
    async deleteKbDocument(access, kbId, documentId) {
      if (!reach(access, kbId)) return false
      return (
        db
          .delete(kbDocuments)
          .where(and(eq(kbDocuments.kbId, kbId), eq(kbDocuments.id, documentId)))
          .run().changes > 0
      )
    },
    async listKbChunks(access, kbId, documentId, page) {
      if (!reach(access, kbId)) return undefined
      return db
        .select(chunkColumns)
        .from(kbChunks)
        .where(and(eq(kbChunks.kbId, kbId), eq(kbChunks.documentId, documentId)))
        .orderBy(asc(kbChunks.position))
        .limit(page.limit)
        .offset(page.offset)
        .all()
    },
    async claimKbDocument(now, leaseMs) {
      // One statement: SQLite's single writer gives each document to one caller.
      const claimed = db
        .update(kbDocuments)
        .set({ leaseUntil: now + leaseMs })
        .where(
          eq(
            kbDocuments.id,
            sql`(select ${kbDocuments.id} from ${kbDocuments} where ${notInArray(kbDocuments.status, [...finished])} and ${lte(kbDocuments.leaseUntil, now)} order by ${kbDocuments.updatedAt} limit 1)`,
          ),
        )
        .returning()
        .get()
      if (!claimed) return undefined
      const kb = db
        .select({ ownerId: knowledgeBases.ownerId })
        .from(knowledgeBases)
        .where(eq(knowledgeBases.id, claimed.kbId))
        .get()
      const { leaseUntil: _l, ...work } = claimed
      return { ...work, content: new Uint8Array(claimed.content), ownerId: kb?.ownerId ?? '' }
    },
    async setKbDocumentStatus(documentId, claimedAt, status, error) {
      const ends = status === 'ready' || status === 'failed'
      db.update(kbDocuments)
        .set({ status, error, ...(ends ? { leaseUntil: 0 } : {}) })
        .where(and(eq(kbDocuments.id, documentId), eq(kbDocuments.updatedAt, claimedAt)))
        .run()
    },
    async saveKbChunks(documentId, claimedAt, chunks) {
      vectors.prepare(chunks.flatMap((c) => (c.embedding ? [c.embedding.length] : [])))
      return db.transaction((tx) => {
        const doc = tx
          .select({ kbId: kbDocuments.kbId })
          .from(kbDocuments)
          .where(and(eq(kbDocuments.id, documentId), eq(kbDocuments.updatedAt, claimedAt)))
          .get()
        if (!doc) return false
        tx.delete(kbChunks).where(eq(kbChunks.documentId, documentId)).run()
        for (const { terms, embedding, ...chunk } of chunks) {
          tx.insert(kbChunks)
            .values({ ...chunk, embedding: embedding ? vectorBytes(embedding) : null })
            .run()
          const rows = Object.entries(terms).map(([term, count]) => ({
            kbId: chunk.kbId,
            term,
            chunkId: chunk.id,
            count,
          }))
          for (let i = 0; i < rows.length; i += 200)
            tx.insert(kbTerms)
              .values(rows.slice(i, i + 200))
              .run()
        }
        tx.update(kbDocuments)
          .set({ status: 'ready', error: null, chunkCount: chunks.length, leaseUntil: 0 })
          .where(eq(kbDocuments.id, documentId))
          .run()
        return true
      })
    },
    async kbTermStats(kbIds, terms) {
      if (kbIds.length === 0) return { chunks: 0, averageLength: 0, documentFrequency: {} }
      const totals = db
        .select({ chunks: sql<number>`count(*)`, length: sql<number | null>`avg(${kbChunks.length})` })
        .from(kbChunks)
        .where(inArray(kbChunks.kbId, [...kbIds]))
        .get()
      const documentFrequency: Record<string, number> = {}
      if (terms.length > 0) {
        const rows = db
          .select({ term: kbTerms.term, df: sql<number>`count(*)` })
          .from(kbTerms)
          .where(and(inArray(kbTerms.kbId, [...kbIds]), inArray(kbTerms.term, [...terms])))
          .groupBy(kbTerms.term)
          .all()
        for (const row of rows) documentFrequency[row.term] = Number(row.df)
      }
      return {
        chunks: Number(totals?.chunks ?? 0),
        averageLength: Number(totals?.length ?? 0),
        documentFrequency,
      }
    },
    async kbPostings(kbIds, terms) {
      if (kbIds.length === 0 || terms.length === 0) return []
      return db
        .select({
          chunkId: kbTerms.chunkId,
          term: kbTerms.term,
          count: kbTerms.count,
          length: kbChunks.length,
        })
        .from(kbTerms)
        .innerJoin(kbChunks, eq(kbChunks.id, kbTerms.chunkId))
        .where(and(inArray(kbTerms.kbId, [...kbIds]), inArray(kbTerms.term, [...terms])))
        .all()
    },
    async kbNearest(kbIds, query, limit) {
      return vectors.nearest(kbIds, query, limit)
    },
    async getKbChunks(chunkIds) {
      if (chunkIds.length === 0) return []
      return db
        .select({ ...chunkColumns, documentName: kbDocuments.name })
        .from(kbChunks)
        .innerJoin(kbDocuments, eq(kbDocuments.id, kbChunks.documentId))
        .where(inArray(kbChunks.id, [...chunkIds]))
        .all()
    },
  }
}

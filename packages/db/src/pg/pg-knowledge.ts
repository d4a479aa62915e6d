import { and, asc, desc, eq, inArray, lte, notInArray, sql } from 'drizzle-orm'
import type pg from 'pg'
import { bytesVector, type KnowledgeStore, vectorBytes } from '../knowledge-store.ts'
import { nearestByScan } from '../nearest-by-scan.ts'
import { kbChunks, kbDocuments, kbTerms, knowledgeBases } from '../schema/pg/index.ts'
import { ownedBy } from '../scope.ts'
import type { Access } from '../store.ts'
import type { PgDb } from './open-pg.ts'

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

export function createPgKnowledge(db: PgDb, pool: pg.Pool): KnowledgeStore {
  const reach = async (access: Access, id: string) => {
    const [row] = await db
      .select()
      .from(knowledgeBases)
      .where(and(eq(knowledgeBases.id, id), ownedBy(knowledgeBases.ownerId, access)))
    return row
  }
  return {
    async createKnowledgeBase(access, kb) {
      const row = { ...kb, sample: kb.sample ?? null, ownerId: access.userId, updatedAt: kb.createdAt }
      await db.insert(knowledgeBases).values(row)
      return row
    },
    async listKnowledgeBases(access) {
      return db
        .select()
        .from(knowledgeBases)
        .where(ownedBy(knowledgeBases.ownerId, access))
        .orderBy(desc(knowledgeBases.createdAt), desc(knowledgeBases.id))
    },
    async getKnowledgeBase(access, id) {
      return reach(access, id)
    },
    async updateKnowledgeBase(access, id, patch, now) {
      return db.transaction(async (tx) => {
        const [kb] = await tx
          .select()
          .from(knowledgeBases)
          .where(and(eq(knowledgeBases.id, id), ownedBy(knowledgeBases.ownerId, access)))
          .for('update')
        if (!kb) return undefined
        const next = { ...kb, ...patch, updatedAt: now }
        await tx.update(knowledgeBases).set(next).where(eq(knowledgeBases.id, id))
        if (
          next.embeddingModel !== kb.embeddingModel ||
          next.embeddingProviderId !== kb.embeddingProviderId
        ) {
          await tx
            .update(kbDocuments)
            .set({ status: 'parsing', error: null, leaseUntil: 0, updatedAt: now })
            .where(eq(kbDocuments.kbId, id))
        }
        return next
      })
    },
    async deleteKnowledgeBase(access, id) {
      if (!(await reach(access, id))) return false
      const gone = await db
        .delete(knowledgeBases)
        .where(eq(knowledgeBases.id, id))
        .returning({ id: knowledgeBases.id })
      return gone.length > 0
    },
    async saveKbDocument(access, doc) {
      return db.transaction(async (tx) => {
        const [kb] = await tx
          .select({ id: knowledgeBases.id })
          .from(knowledgeBases)
          .where(and(eq(knowledgeBases.id, doc.kbId), ownedBy(knowledgeBases.ownerId, access)))
          .for('update')
        if (!kb) return undefined
        const [old] = await tx
          .select({ id: kbDocuments.id, createdAt: kbDocuments.createdAt })
          .from(kbDocuments)
          .where(and(eq(kbDocuments.kbId, doc.kbId), eq(kbDocuments.name, doc.name)))
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
          await tx.delete(kbChunks).where(eq(kbChunks.documentId, id))
          await tx.update(kbDocuments).set(row).where(eq(kbDocuments.id, id))
        } else await tx.insert(kbDocuments).values(row)
        const { content: _c, leaseUntil: _l, ...shown } = row
        return shown
      })
    },
    async listKbDocuments(access, kbId) {
      if (!(await reach(access, kbId))) return undefined
      return db
        .select(listed)
        .from(kbDocuments)
        .where(eq(kbDocuments.kbId, kbId))
        .orderBy(asc(kbDocuments.createdAt), asc(kbDocuments.name))
    },
    async deleteKbDocument(access, kbId, documentId) {
      if (!(await reach(access, kbId))) return false
      const gone = await db
        .delete(kbDocuments)
        .where(and(eq(kbDocuments.kbId, kbId), eq(kbDocuments.id, documentId)))
        .returning({ id: kbDocuments.id })
      return gone.length > 0
    },
    async listKbChunks(access, kbId, documentId, page) {
      if (!(await reach(access, kbId))) return undefined
      return db
        .select(chunkColumns)
        .from(kbChunks)
        .where(and(eq(kbChunks.kbId, kbId), eq(kbChunks.documentId, documentId)))
        .orderBy(asc(kbChunks.position))
        .limit(page.limit)
        .offset(page.offset)
    },
    async claimKbDocument(now, leaseMs) {
      // SKIP LOCKED: concurrent workers of other processes each take a different document.
      const [claimed] = await db
        .update(kbDocuments)
        .set({ leaseUntil: now + leaseMs })
        .where(
          eq(
            kbDocuments.id,
            sql`(select ${kbDocuments.id} from ${kbDocuments} where ${notInArray(kbDocuments.status, [...finished])} and ${lte(kbDocuments.leaseUntil, now)} order by ${kbDocuments.updatedAt} limit 1 for update skip locked)`,
          ),
        )
        .returning()
      if (!claimed) return undefined
      const [kb] = await db
        .select({ ownerId: knowledgeBases.ownerId })
        .from(knowledgeBases)
        .where(eq(knowledgeBases.id, claimed.kbId))
      const { leaseUntil: _l, ...work } = claimed
      return { ...work, content: new Uint8Array(claimed.content), ownerId: kb?.ownerId ?? '' }
    },
    async setKbDocumentStatus(documentId, claimedAt, status, error) {
      const ends = status === 'ready' || status === 'failed'
      await db
        .update(kbDocuments)
        .set({ status, error, ...(ends ? { leaseUntil: 0 } : {}) })
        .where(and(eq(kbDocuments.id, documentId), eq(kbDocuments.updatedAt, claimedAt)))
    },
    async saveKbChunks(documentId, claimedAt, chunks) {
      return db.transaction(async (tx) => {
        const [doc] = await tx
          .select({ kbId: kbDocuments.kbId })
          .from(kbDocuments)
          .where(and(eq(kbDocuments.id, documentId), eq(kbDocuments.updatedAt, claimedAt)))
          .for('update')
        if (!doc) return false
        await tx.delete(kbChunks).where(eq(kbChunks.documentId, documentId))
        const rows = chunks.map(({ terms: _t, embedding, ...chunk }) => ({
          ...chunk,
          embedding: embedding ? vectorBytes(embedding) : null,
        }))
        for (let i = 0; i < rows.length; i += 500) await tx.insert(kbChunks).values(rows.slice(i, i + 500))
        const postings = chunks.flatMap((chunk) =>
          Object.entries(chunk.terms).map(([term, count]) => ({
            kbId: chunk.kbId,
            term,
            chunkId: chunk.id,
            count,
          })),
        )
        for (let i = 0; i < postings.length; i += 1000)
          await tx.insert(kbTerms).values(postings.slice(i, i + 1000))
        await tx
          .update(kbDocuments)
          .set({ status: 'ready', error: null, chunkCount: chunks.length, leaseUntil: 0 })
          .where(eq(kbDocuments.id, documentId))
        return true
      })
    },
    async kbTermStats(kbIds, terms) {
      if (kbIds.length === 0) return { chunks: 0, averageLength: 0, documentFrequency: {} }
      const [totals] = await db
        .select({ chunks: sql<string>`count(*)`, length: sql<string | null>`avg(${kbChunks.length})` })
        .from(kbChunks)
        .where(inArray(kbChunks.kbId, [...kbIds]))
      const documentFrequency: Record<string, number> = {}
      if (terms.length > 0) {
        const rows = await db
          .select({ term: kbTerms.term, df: sql<string>`count(*)` })
          .from(kbTerms)
          .where(and(inArray(kbTerms.kbId, [...kbIds]), inArray(kbTerms.term, [...terms])))
          .groupBy(kbTerms.term)
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
    },
    async kbNearest(kbIds, query, limit) {
      if (kbIds.length === 0) return []
      // No vector type without pgvector (see README): the vectors come to Node and are scanned here. Straight
      // through the driver as arrays: drizzle's row mapping cost as much again as the transfer at 10k vectors.
      const { rows } = await pool.query<[string, Buffer]>({
        text: 'select id, embedding from kb_chunks where kb_id = any($1) and octet_length(embedding) = $2',
        values: [[...kbIds], query.length * 4],
        rowMode: 'array',
      })
      return nearestByScan(
        query,
        rows.map(([chunkId, bytes]) => ({ chunkId, vector: bytesVector(bytes) })),
        limit,
      )
    },
    async getKbChunks(chunkIds) {
      if (chunkIds.length === 0) return []
      return db
        .select({ ...chunkColumns, documentName: kbDocuments.name })
        .from(kbChunks)
        .innerJoin(kbDocuments, eq(kbDocuments.id, kbChunks.documentId))
        .where(inArray(kbChunks.id, [...chunkIds]))
    },
  }
}

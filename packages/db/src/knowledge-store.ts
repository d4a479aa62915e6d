import type { KbNeighbour } from './nearest-by-scan.ts'
import type { kbChunks, kbDocuments, knowledgeBases } from './schema/sqlite/index.ts'
import type { Access } from './store.ts'

export type KnowledgeBase = typeof knowledgeBases.$inferSelect
export type NewKnowledgeBase = Omit<KnowledgeBase, 'ownerId' | 'updatedAt' | 'sample'> & {
  /** Only for a base imported from a template's sample documents: that folder's name. */
  sample?: string | null
}
export type KnowledgeBasePatch = Partial<
  Pick<KnowledgeBase, 'name' | 'embeddingProviderId' | 'embeddingModel'>
>
export type KbDocumentStatus = (typeof kbDocuments.$inferSelect)['status']
/** A document as lists show it: without its bytes. */
export type KbDocument = Omit<typeof kbDocuments.$inferSelect, 'content' | 'leaseUntil'>
/** A document leased for processing, with its bytes. */
export type KbDocumentWork = KbDocument & { content: Uint8Array; ownerId: string }
export type NewKbDocument = Pick<KbDocument, 'id' | 'kbId' | 'name' | 'mimeType' | 'sourceUrl'> & {
  content: Uint8Array
  createdAt: number
}
export type KbChunk = Omit<typeof kbChunks.$inferSelect, 'embedding'>
/** A chunk as retrieval returns it, with the name of its document. */
export type KbChunkHit = KbChunk & { documentName: string }
export type NewKbChunk = KbChunk & { embedding: Float32Array | null; terms: Record<string, number> }
export interface KbTermStats {
  /** Indexed chunks in the asked knowledge bases. */
  chunks: number
  /** Their mean length in terms. */
  averageLength: number
  /** In how many of them each asked term occurs. */
  documentFrequency: Record<string, number>
}
export interface KbPosting {
  chunkId: string
  term: string
  count: number
  length: number
}

/**
 * Knowledge bases, their documents, chunks, keyword postings and vectors. Scoped methods treat another user's
 * knowledge base as missing. The search reads (`kbTermStats`, `kbPostings`, `kbNearest`, `getKbChunks`) are
 * unscoped: the caller has checked the knowledge bases' access first (the server's searchKnowledgeBases does).
 */
export interface KnowledgeStore {
  createKnowledgeBase(access: Access, kb: NewKnowledgeBase): Promise<KnowledgeBase>
  /** Newest first. */
  listKnowledgeBases(access: Access): Promise<KnowledgeBase[]>
  getKnowledgeBase(access: Access, id: string): Promise<KnowledgeBase | undefined>
  /**
   * Renames or changes the embedding. A changed embedding model or provider puts every document back to
   * `parsing` (re-index) in the same transaction. Undefined when not accessible.
   */
  updateKnowledgeBase(
    access: Access,
    id: string,
    patch: KnowledgeBasePatch,
    now: number,
  ): Promise<KnowledgeBase | undefined>
  /** Removes it with its documents, chunks and index entries. */
  deleteKnowledgeBase(access: Access, id: string): Promise<boolean>
  /**
   * Stores an upload as `parsing`. A document of the same name in the knowledge base is replaced: same id, new
   * bytes, its chunks removed. Undefined when the knowledge base is not accessible.
   */
  saveKbDocument(access: Access, doc: NewKbDocument): Promise<KbDocument | undefined>
  /** Oldest first; undefined when the knowledge base is not accessible. */
  listKbDocuments(access: Access, kbId: string): Promise<KbDocument[] | undefined>
  /** Removes it with its chunks and index entries. */
  deleteKbDocument(access: Access, kbId: string, documentId: string): Promise<boolean>
  /** In document order; undefined when not accessible. */
  listKbChunks(
    access: Access,
    kbId: string,
    documentId: string,
    page: { limit: number; offset: number },
  ): Promise<KbChunk[] | undefined>
  /**
   * Unscoped, for the processing worker of any process: leases the oldest document that is neither ready nor
   * failed and whose lease has ended, until `now + leaseMs`. Of concurrent calls, one gets each document.
   */
  claimKbDocument(now: number, leaseMs: number): Promise<KbDocumentWork | undefined>
  /**
   * Unscoped: moves a claimed document's status (and error); ready or failed also ends its lease. Nothing happens
   * when the document was replaced or re-queued since the claim (its `updatedAt` is no longer `claimedAt`).
   */
  setKbDocumentStatus(
    documentId: string,
    claimedAt: number,
    status: KbDocumentStatus,
    error: string | null,
  ): Promise<void>
  /**
   * Unscoped: replaces the document's chunks, their vectors and postings in one transaction and marks it ready.
   * Does nothing when the document was replaced or deleted meanwhile (its `updatedAt` is no longer `claimedAt`).
   */
  saveKbChunks(documentId: string, claimedAt: number, chunks: NewKbChunk[], now: number): Promise<boolean>
  kbTermStats(kbIds: readonly string[], terms: readonly string[]): Promise<KbTermStats>
  kbPostings(kbIds: readonly string[], terms: readonly string[]): Promise<KbPosting[]>
  /**
   * The `limit` chunks of these knowledge bases whose vectors are nearest `query` by cosine similarity, best first;
   * only vectors of the query's length count. SQLite answers from sqlite-vec when it loads, else (and PostgreSQL
   * always) by an exact scan: the same chunks and scores either way, ties aside.
   */
  kbNearest(kbIds: readonly string[], query: Float32Array, limit: number): Promise<KbNeighbour[]>
  getKbChunks(chunkIds: readonly string[]): Promise<KbChunkHit[]>
}

export function vectorBytes(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength)
}

export function bytesVector(bytes: Uint8Array): Float32Array {
  // Copied: a Buffer from the driver may sit at an offset that is not a multiple of 4 in a shared pool.
  const copy = new Uint8Array(bytes)
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4)
}

import type Database from 'better-sqlite3'
import { bytesVector, vectorBytes } from '../knowledge-store.ts'
import { type KbNeighbour, nearestByScan } from '../nearest-by-scan.ts'

/** sqlite-vec's vectors per stored block: small, so a knowledge base of a few chunks does not take 1,024 slots. */
const CHUNK_SIZE = 128
const MAX_DIMENSIONS = 8192
const TRIGGER_PREFIX = 'kb_vectors_'

/**
 * Nearest chunks by cosine similarity. With sqlite-vec loaded: one vec0 table per vector length
 * (`kb_vectors_<dimensions>`, a vec0 table has one fixed length and knowledge bases' models differ), partitioned
 * by knowledge base so a search reads only the bases it asks. kb_chunks stays the record: triggers copy each
 * inserted chunk's vector in and delete it with the chunk, so replace, delete, the cascades from a deleted base
 * or user, and re-indexing all keep it in step in the same transaction. The table is made (and filled from
 * kb_chunks) when a vector of its length is first written or searched; it counts as in step exactly while both
 * its triggers exist. Without sqlite-vec: an exact scan over kb_chunks.
 */
export interface SqliteVectorIndex {
  readonly kind: 'sqlite-vec' | 'exact-scan'
  /** Before writing chunks with vectors of these lengths: their tables exist and are in step. */
  prepare(dimensions: Iterable<number>): void
  nearest(kbIds: readonly string[], query: Float32Array, limit: number): KbNeighbour[]
}

export function createSqliteVectorIndex(client: Database.Database, loaded: boolean): SqliteVectorIndex {
  const triggers = client.prepare<[string, string], { n: number }>(
    `select count(*) as n from sqlite_master where type = 'trigger' and name in (?, ?)`,
  )
  const inStep = (table: string) => triggers.get(`${table}_insert`, `${table}_delete`)?.n === 2
  const ensure = (dimensions: number) => {
    const table = tableOf(dimensions)
    if (inStep(table)) return
    // IMMEDIATE: of two processes finding it missing, the second waits and then finds it made.
    client
      .transaction(() => {
        if (inStep(table)) return
        const bytes = dimensions * 4
        client.exec(`drop table if exists ${table}`)
        client.exec(
          `create virtual table ${table} using vec0(kb_id text partition key, chunk_id text primary key, embedding float[${dimensions}] distance_metric=cosine, chunk_size=${CHUNK_SIZE})`,
        )
        client.exec(
          `insert into ${table} (kb_id, chunk_id, embedding) select kb_id, id, embedding from kb_chunks where length(embedding) = ${bytes}`,
        )
        // Chunks are never updated in place (a document's are deleted and inserted again), so two triggers suffice.
        client.exec(
          `create trigger ${table}_insert after insert on kb_chunks when length(new.embedding) = ${bytes} begin insert into ${table} (kb_id, chunk_id, embedding) values (new.kb_id, new.id, new.embedding); end`,
        )
        client.exec(
          `create trigger ${table}_delete after delete on kb_chunks when length(old.embedding) = ${bytes} begin delete from ${table} where chunk_id = old.id; end`,
        )
      })
      .immediate()
  }
  return {
    kind: loaded ? 'sqlite-vec' : 'exact-scan',
    prepare(dimensions) {
      if (!loaded) return
      for (const d of new Set(dimensions)) ensure(d)
    },
    nearest(kbIds, query, limit) {
      if (kbIds.length === 0 || limit < 1 || !hasDirection(query)) return []
      const marks = kbIds.map(() => '?').join(', ')
      if (!loaded) {
        const rows = client
          .prepare<unknown[], [string, Buffer]>(
            `select id, embedding from kb_chunks where kb_id in (${marks}) and length(embedding) = ?`,
          )
          .raw()
          .all(...kbIds, query.length * 4)
        return nearestByScan(
          query,
          rows.map(([chunkId, bytes]) => ({ chunkId, vector: bytesVector(bytes) })),
          limit,
        )
      }
      ensure(query.length)
      const rows = client
        .prepare<unknown[], { chunkId: string; distance: number | null }>(
          `select chunk_id as chunkId, distance from ${tableOf(query.length)} where embedding match ? and k = ? and kb_id in (${marks}) order by distance`,
        )
        .all(vectorBytes(query), limit, ...kbIds)
      // A stored zero vector has no distance; the scan leaves it out too. With several knowledge bases vec0 gives
      // the k best of each partition, hence the cut after sorting.
      return rows
        .flatMap((r) =>
          r.distance !== null && Number.isFinite(r.distance)
            ? [{ chunkId: r.chunkId, score: 1 - r.distance }]
            : [],
        )
        .sort((x, y) => y.score - x.score || (x.chunkId < y.chunkId ? -1 : 1))
        .slice(0, limit)
    },
  }
}

/**
 * Without sqlite-vec a write to kb_chunks would fail in the triggers (no vec0 module), so they go; the tables stay
 * (dropping a vec0 table needs the module) and are rebuilt by the next process that has sqlite-vec, since a table
 * without its triggers is not in step.
 */
export function dropVectorTriggers(client: Database.Database): void {
  const names = client
    .prepare<[string], { name: string }>(
      `select name from sqlite_master where type = 'trigger' and tbl_name = 'kb_chunks' and name glob ?`,
    )
    .all(`${TRIGGER_PREFIX}*`)
  for (const { name } of names) client.exec(`drop trigger if exists "${name}"`)
}

function tableOf(dimensions: number): string {
  // Interpolated into SQL: only a whole number in range ever gets there.
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_DIMENSIONS)
    throw new Error(`A vector of ${dimensions} dimensions cannot be indexed`)
  return `${TRIGGER_PREFIX}${dimensions}`
}

function hasDirection(vector: Float32Array): boolean {
  for (const v of vector) if (v !== 0) return true
  return false
}

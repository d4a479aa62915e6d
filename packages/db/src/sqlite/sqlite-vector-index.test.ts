import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { useContractContext } from '../contract/contract-context.ts'
import { describeKnowledge } from '../contract/knowledge-contract.ts'
import type { NewKbChunk } from '../knowledge-store.ts'
import { createSqliteStore, type SqliteStoreOptions } from './create-sqlite-store.ts'

const dir = mkdtempSync(join(tmpdir(), 'zhiliu-vec-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const tempFile = () => join(dir, `${randomUUID()}.db`)
/** A library path that does not exist: what a platform without a prebuilt sqlite-vec looks like at open. */
const MISSING = join(dir, 'no-such-vec0')

// The knowledge contract once more, on the exact scan a platform without sqlite-vec falls back to.
describe('sqlite without sqlite-vec', () => {
  describeKnowledge(
    useContractContext(async () => createSqliteStore({ file: tempFile(), sqliteVecPath: MISSING })),
  )
})

const vectorRows = (file: string, dimensions: number) => {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(`select count(*) as n from kb_vectors_${dimensions}_rowids`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

async function fill(options: SqliteStoreOptions, kbId: string, vectors: number[][]) {
  const store = createSqliteStore(options)
  try {
    const user = await store.createUser({
      email: `${randomUUID()}@example.com`,
      passwordHash: 'x',
      role: 'owner',
    })
    const access = { userId: user.id, all: true }
    await store.createKnowledgeBase(access, {
      id: kbId,
      name: kbId,
      embeddingProviderId: null,
      embeddingModel: 'demo',
      createdAt: 1,
    })
    const doc = await store.saveKbDocument(access, {
      id: `${kbId}-doc`,
      kbId,
      name: 'a.txt',
      mimeType: 'text/plain',
      sourceUrl: null,
      content: new Uint8Array(1),
      createdAt: 1,
    })
    const chunks: NewKbChunk[] = vectors.map((v, position) => ({
      id: `${kbId}:${position}`,
      kbId,
      documentId: doc?.id ?? '',
      position,
      heading: null,
      text: String(position),
      length: 1,
      embedding: new Float32Array(v),
      terms: {},
    }))
    await store.saveKbChunks(`${kbId}-doc`, 1, chunks, 2)
    return { access }
  } finally {
    store.close()
  }
}

describe('sqlite vector index (sqlite-vec)', () => {
  it('keeps one vec0 table per vector length in step with chunk writes, deletes and cascades', async () => {
    const file = tempFile()
    const { access } = await fill({ file }, 'kb', [
      [1, 0, 0],
      [0, 1, 0],
    ])
    await fill({ file }, 'other', [[0, 0, 1]])
    await fill({ file }, 'wide', [[0, 0, 1, 0]])
    expect([vectorRows(file, 3), vectorRows(file, 4)]).toEqual([3, 1])
    const store = createSqliteStore({ file })
    try {
      expect((await store.kbNearest(['kb'], new Float32Array([0, 1, 0]), 1))[0]?.chunkId).toBe('kb:1')
      expect(await store.deleteKbDocument(access, 'kb', 'kb-doc')).toBe(true)
      expect(vectorRows(file, 3)).toBe(1)
      // The base's chunks go by foreign-key cascade, and their vectors with them.
      expect(await store.deleteKnowledgeBase({ userId: 'nobody', all: true }, 'other')).toBe(true)
      expect([vectorRows(file, 3), vectorRows(file, 4)]).toEqual([0, 1])
    } finally {
      store.close()
    }
  })

  it('says once why it cannot load sqlite-vec, and a file written without it is re-indexed when it can', async () => {
    const file = tempFile()
    const reasons: unknown[] = []
    const without = {
      file,
      sqliteVecPath: MISSING,
      onVectorIndexUnavailable: (e: unknown) => reasons.push(e),
    }
    // Made with sqlite-vec: its table and triggers exist.
    await fill({ file }, 'first', [[1, 0, 0]])
    // Then written without it: the triggers go, so the write succeeds, and the table falls behind.
    await fill(without, 'second', [[0, 1, 0]])
    expect(reasons).toHaveLength(1)
    expect(String(reasons[0])).toMatch(/no-such-vec0/)
    expect(vectorRows(file, 3)).toBe(1)
    // With sqlite-vec again: the first search rebuilds the table from kb_chunks.
    const store = createSqliteStore({ file })
    try {
      const found = await store.kbNearest(['first', 'second'], new Float32Array([0, 1, 0]), 5)
      expect(found.map((n) => n.chunkId)).toEqual(['second:0', 'first:0'])
      expect(vectorRows(file, 3)).toBe(2)
    } finally {
      store.close()
    }
  })
})

import { describe, expect, it } from 'vitest'
import type { NewKbChunk } from '../knowledge-store.ts'
import type { Access } from '../store.ts'
import type { ContractContext } from './contract-context.ts'

const bytes = (text: string) => new TextEncoder().encode(text)

function chunk(
  kbId: string,
  documentId: string,
  position: number,
  text: string,
  terms: Record<string, number>,
): NewKbChunk {
  return {
    id: `${documentId}:${position}`,
    kbId,
    documentId,
    position,
    heading: position === 0 ? '第一章' : null,
    text,
    length: Object.values(terms).reduce((a, b) => a + b, 0),
    embedding: new Float32Array([position, 0.5, -1]),
    terms,
  }
}

export function describeKnowledge(ctx: ContractContext): void {
  describe('knowledge bases', () => {
    const newKb = (access: Access, id: string, createdAt = 1) =>
      ctx.store().createKnowledgeBase(access, {
        id,
        name: `库 ${id}`,
        embeddingProviderId: null,
        embeddingModel: 'demo',
        createdAt,
      })

    it('shows a knowledge base to its owner only (and to the owner role), renames and deletes it', async () => {
      const store = ctx.store()
      const a = await ctx.user('editor')
      const b = await ctx.user('editor')
      const boss = await ctx.user('owner')
      await newKb(a.access, 'kb1', 1)
      await newKb(a.access, 'kb2', 2)
      expect((await store.listKnowledgeBases(a.access)).map((kb) => kb.id)).toEqual(['kb2', 'kb1'])
      expect(await store.listKnowledgeBases(b.access)).toEqual([])
      expect(await store.getKnowledgeBase(b.access, 'kb1')).toBeUndefined()
      expect((await store.getKnowledgeBase(boss.access, 'kb1'))?.ownerId).toBe(a.user.id)
      expect((await store.getKnowledgeBase(a.access, 'kb1'))?.sample).toBeNull()
      await store.createKnowledgeBase(a.access, {
        id: 'kb3',
        name: '示例',
        embeddingProviderId: null,
        embeddingModel: 'demo',
        sample: 'gov-policies',
        createdAt: 0,
      })
      expect((await store.getKnowledgeBase(a.access, 'kb3'))?.sample).toBe('gov-policies')
      expect(await store.updateKnowledgeBase(b.access, 'kb1', { name: 'x' }, 5)).toBeUndefined()
      expect(await store.updateKnowledgeBase(a.access, 'kb1', { name: '政策库' }, 5)).toMatchObject({
        name: '政策库',
        updatedAt: 5,
      })
      expect(await store.deleteKnowledgeBase(b.access, 'kb1')).toBe(false)
      expect(await store.deleteKnowledgeBase(a.access, 'kb1')).toBe(true)
      expect((await store.listKnowledgeBases(a.access)).map((kb) => kb.id)).toEqual(['kb2', 'kb3'])
    })

    it('leases each unfinished document to one worker, stores its chunks and finds them by term and vector', async () => {
      const store = ctx.store()
      const a = await ctx.user('editor')
      const b = await ctx.user('editor')
      await newKb(a.access, 'kb')
      expect(
        await store.saveKbDocument(b.access, {
          id: 'd0',
          kbId: 'kb',
          name: 'x.txt',
          mimeType: 'text/plain',
          sourceUrl: null,
          content: bytes('x'),
          createdAt: 1,
        }),
      ).toBeUndefined()
      const doc = await store.saveKbDocument(a.access, {
        id: 'd1',
        kbId: 'kb',
        name: '办事指南.txt',
        mimeType: 'text/plain',
        sourceUrl: null,
        content: bytes('居住证办理'),
        createdAt: 10,
      })
      expect(doc).toMatchObject({ id: 'd1', status: 'parsing', bytes: 15, chunkCount: 0 })

      const work = await store.claimKbDocument(100, 60_000)
      expect(work).toMatchObject({ id: 'd1', ownerId: a.user.id, updatedAt: 10 })
      expect(new TextDecoder().decode(work?.content)).toBe('居住证办理')
      // Leased: nobody else gets it until the lease ends.
      expect(await store.claimKbDocument(101, 60_000)).toBeUndefined()
      expect((await store.claimKbDocument(60_100, 60_000))?.id).toBe('d1')

      await store.setKbDocumentStatus('d1', 10, 'indexing', null)
      expect((await store.listKbDocuments(a.access, 'kb'))?.map((d) => d.status)).toEqual(['indexing'])
      expect(
        await store.saveKbChunks(
          'd1',
          10,
          [
            chunk('kb', 'd1', 0, '居住证办理需要材料', { 居住证: 1, 材料: 2 }),
            chunk('kb', 'd1', 1, '身份证', { 身份证: 1 }),
          ],
          200,
        ),
      ).toBe(true)
      expect((await store.listKbDocuments(a.access, 'kb'))?.[0]).toMatchObject({
        status: 'ready',
        chunkCount: 2,
      })
      expect(await store.claimKbDocument(999_999, 1)).toBeUndefined()
      expect(await store.listKbDocuments(b.access, 'kb')).toBeUndefined()
      expect(
        (await store.listKbChunks(a.access, 'kb', 'd1', { limit: 10, offset: 1 }))?.map((c) => c.text),
      ).toEqual(['身份证'])

      expect(await store.kbTermStats(['kb'], ['材料', '身份证', '没有'])).toEqual({
        chunks: 2,
        averageLength: 2,
        documentFrequency: { 材料: 1, 身份证: 1 },
      })
      expect(await store.kbPostings(['kb'], ['材料'])).toEqual([
        { chunkId: 'd1:0', term: '材料', count: 2, length: 3 },
      ])
      const near = await store.kbNearest(['kb'], new Float32Array([0, 1, -2]), 10)
      expect(near.map((n) => n.chunkId)).toEqual(['d1:0', 'd1:1'])
      // Cosine: the same direction is 1; [1, 0.5, -1] is 1.25 / (√1.25 · √2.25) from [0, 0.5, -1].
      expect(near[0]?.score).toBeCloseTo(1, 5)
      expect(near[1]?.score).toBeCloseTo(0.7454, 4)
      expect((await store.getKbChunks(['d1:1'])).map((c) => [c.documentName, c.text, c.heading])).toEqual([
        ['办事指南.txt', '身份证', null],
      ])
    })

    it('a re-upload replaces the document and its chunks; a late worker result for the old bytes is dropped', async () => {
      const store = ctx.store()
      const a = await ctx.user('editor')
      await newKb(a.access, 'kb')
      const upload = (content: string, at: number) =>
        store.saveKbDocument(a.access, {
          id: `new-${at}`,
          kbId: 'kb',
          name: 'a.md',
          mimeType: 'text/markdown',
          sourceUrl: null,
          content: bytes(content),
          createdAt: at,
        })
      await upload('旧', 10)
      await store.claimKbDocument(20, 1000)
      await store.saveKbChunks('new-10', 10, [chunk('kb', 'new-10', 0, '旧', { 旧: 1 })], 30)
      const again = await upload('新的', 40)
      expect(again).toMatchObject({ id: 'new-10', status: 'parsing', bytes: 6 })
      expect(await store.kbTermStats(['kb'], ['旧'])).toMatchObject({ chunks: 0, documentFrequency: {} })
      // A worker still holding the first version: its writes are refused.
      expect(await store.saveKbChunks('new-10', 10, [chunk('kb', 'new-10', 0, '旧', { 旧: 1 })], 50)).toBe(
        false,
      )
      await store.setKbDocumentStatus('new-10', 10, 'failed', 'late')
      expect((await store.listKbDocuments(a.access, 'kb'))?.map((d) => [d.status, d.error])).toEqual([
        ['parsing', null],
      ])
    })

    it('deleting a document or a knowledge base removes chunks, vectors and postings', async () => {
      const store = ctx.store()
      const a = await ctx.user('editor')
      await newKb(a.access, 'kb')
      for (const id of ['d1', 'd2']) {
        await store.saveKbDocument(a.access, {
          id,
          kbId: 'kb',
          name: id,
          mimeType: 'text/plain',
          sourceUrl: null,
          content: bytes(id),
          createdAt: 1,
        })
        await store.saveKbChunks(id, 1, [chunk('kb', id, 0, id, { [id]: 1, 共同: 1 })], 2)
      }
      expect(await store.deleteKbDocument(a.access, 'kb', 'd1')).toBe(true)
      expect(await store.deleteKbDocument(a.access, 'kb', 'd1')).toBe(false)
      expect(await store.kbPostings(['kb'], ['共同', 'd1'])).toEqual([
        { chunkId: 'd2:0', term: '共同', count: 1, length: 2 },
      ])
      expect(
        (await store.kbNearest(['kb'], new Float32Array([0, 0.5, -1]), 10)).map((v) => v.chunkId),
      ).toEqual(['d2:0'])
      expect(await store.deleteKnowledgeBase(a.access, 'kb')).toBe(true)
      expect(await store.kbPostings(['kb'], ['共同'])).toEqual([])
      expect(await store.kbNearest(['kb'], new Float32Array([0, 0.5, -1]), 10)).toEqual([])
      expect(await store.getKbChunks(['d2:0'])).toEqual([])
    })

    it('finds the nearest vectors of the query length in the asked knowledge bases only, in step with replacements', async () => {
      const store = ctx.store()
      const a = await ctx.user('editor')
      await newKb(a.access, 'near')
      await newKb(a.access, 'far')
      const save = async (kbId: string, name: string, vectors: number[][], at: number) => {
        const doc = await store.saveKbDocument(a.access, {
          id: `${kbId}-${name}`,
          kbId,
          name,
          mimeType: 'text/plain',
          sourceUrl: null,
          content: bytes(name),
          createdAt: at,
        })
        const id = doc?.id ?? ''
        const chunks = vectors.map((v, i) => ({
          ...chunk(kbId, id, i, `${name} ${i}`, { [name]: 1 }),
          id: `${id}:${at}:${i}`,
          embedding: new Float32Array(v),
        }))
        expect(await store.saveKbChunks(id, at, chunks, at + 1)).toBe(true)
      }
      await save(
        'near',
        'a',
        [
          [1, 0, 0],
          [0, 1, 0],
          [1, 1, 0],
          [0, 0, 0],
        ],
        1,
      )
      await save('near', 'b', [[0.9, 0.1, 0, 0]], 1)
      await save('far', 'c', [[1, 0, 0]], 1)
      const query = new Float32Array([2, 0, 0])
      const ids = async (kbIds: string[], limit = 10) =>
        (await store.kbNearest(kbIds, query, limit)).map((n) => n.chunkId)
      // Best first; a vector of another length (b) and a zero vector (no direction) are left out.
      expect(await ids(['near'])).toEqual(['near-a:1:0', 'near-a:1:2', 'near-a:1:1'])
      expect(await ids(['near'], 2)).toEqual(['near-a:1:0', 'near-a:1:2'])
      expect(await ids(['near', 'far'], 2)).toEqual(['far-c:1:0', 'near-a:1:0'])
      expect(await ids([])).toEqual([])
      expect(await store.kbNearest(['near'], new Float32Array(3), 10)).toEqual([])
      expect((await store.kbNearest(['near'], new Float32Array([1, 0, 0, 0]), 10))[0]?.chunkId).toBe(
        'near-b:1:0',
      )
      // A re-upload drops the old vectors; the new ones count once indexed.
      await save('near', 'a', [[0, 0, 1]], 5)
      expect(await ids(['near'])).toEqual(['near-a:5:0'])
    })

    it('changing the embedding model puts every document back to be processed again', async () => {
      const store = ctx.store()
      const a = await ctx.user('editor')
      await newKb(a.access, 'kb')
      await store.saveKbDocument(a.access, {
        id: 'd',
        kbId: 'kb',
        name: 'd',
        mimeType: 'text/plain',
        sourceUrl: null,
        content: bytes('d'),
        createdAt: 1,
      })
      await store.saveKbChunks('d', 1, [chunk('kb', 'd', 0, 'd', { d: 1 })], 2)
      await store.updateKnowledgeBase(a.access, 'kb', { name: '改名' }, 3)
      expect((await store.listKbDocuments(a.access, 'kb'))?.[0]?.status).toBe('ready')
      await store.updateKnowledgeBase(a.access, 'kb', { embeddingModel: 'text-embedding-v4' }, 4)
      expect((await store.listKbDocuments(a.access, 'kb'))?.[0]).toMatchObject({
        status: 'parsing',
        updatedAt: 4,
      })
      expect(await store.claimKbDocument(5, 100)).toMatchObject({ id: 'd', updatedAt: 4 })
    })
  })
}

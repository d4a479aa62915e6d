/**
 * `npm run bench -- retrieval`: retrieval quality and speed of knowledge bases, in process on a SQLite store.
 *
 * Quality: the sample policy documents (templates/knowledge/gov-policies, written for this project) indexed with the
 * offline demo embedding, and 52 labelled Chinese questions (retrieval-questions.json: the question and a phrase the
 * right passage contains). recall@3 = share of questions with such a passage among the first three, for the keyword
 * index (jieba + BM25), the vector index (demo embedding, exact scan) and both fused by reciprocal rank.
 *
 * Speed: 10,000 chunks (the sample passages repeated under new ids) indexed with the demo embedding (chunks/s, the
 * store's writes included), then the median query time of each mode: on SQLite (vectors from sqlite-vec, or the exact
 * scan where it cannot load; the line says which) and, when 127.0.0.1:5432 answers, on PostgreSQL (exact scan, no
 * pgvector). Counts are exact; times depend on the machine, which is shared with other work when these are taken.
 */
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPgStore, createSqliteStore, type NewKbChunk, type Store } from '@zhiliu/db'
import { createTestDatabase } from '@zhiliu/test-postgres'
import { chunkText } from '../apps/server/src/knowledge/chunk-text.ts'
import { demoEmbedding } from '../apps/server/src/knowledge/demo-embedding.ts'
import { demoRerank } from '../apps/server/src/knowledge/demo-rerank.ts'
import { indexedText } from '../apps/server/src/knowledge/process-document.ts'
import { searchKnowledgeBases } from '../apps/server/src/knowledge/search-knowledge-bases.ts'
import { countTerms, segmentTerms } from '../apps/server/src/knowledge/segment-terms.ts'

const DOCS = new URL('../templates/knowledge/gov-policies/', import.meta.url).pathname
const QUESTIONS = JSON.parse(
  readFileSync(new URL('./retrieval-questions.json', import.meta.url), 'utf8'),
) as Array<[string, string]>

export async function benchRetrieval(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'zhiliu-retrieval-'))
  const store = createSqliteStore({ file: join(dir, 'kb.db') })
  const lines: string[] = []
  try {
    const user = await store.createUser({ email: 'bench@example.com', passwordHash: 'x', role: 'owner' })
    const access = { userId: user.id, all: true }
    const kb = (name: string) =>
      store.createKnowledgeBase(access, {
        id: randomUUID(),
        name,
        embeddingProviderId: null,
        embeddingModel: 'zhiliu-demo-embedding',
        createdAt: Date.now(),
      })
    const pieces = readdirSync(DOCS).flatMap((name) =>
      chunkText(readFileSync(join(DOCS, name), 'utf8')).map((chunk) => ({ name, chunk })),
    )
    const index = async (kbId: string, copies: number, into: Store = store, as = access) => {
      let n = 0
      const started = performance.now()
      for (let copy = 0; copy < copies; copy++) {
        for (const name of new Set(pieces.map((p) => p.name))) {
          const doc = await into.saveKbDocument(as, {
            id: randomUUID(),
            kbId,
            name: copies > 1 ? `${copy}-${name}` : name,
            mimeType: 'text/markdown',
            sourceUrl: null,
            content: new Uint8Array(1),
            createdAt: 1,
          })
          if (!doc) throw new Error('no document')
          const chunks: NewKbChunk[] = pieces
            .filter((p) => p.name === name)
            .map(({ chunk }, position) => {
              const terms = segmentTerms(indexedText(chunk))
              return {
                id: randomUUID(),
                kbId,
                documentId: doc.id,
                position,
                heading: chunk.heading,
                text: chunk.text,
                length: terms.length,
                embedding: demoEmbedding(indexedText(chunk)),
                terms: countTerms(terms),
              }
            })
          await into.saveKbChunks(doc.id, 1, chunks, 2)
          n += chunks.length
        }
      }
      return { n, seconds: (performance.now() - started) / 1000 }
    }
    const embedFor = async () => async (texts: string[]) => texts.map(demoEmbedding)
    const rerankFor = async () => async (query: string, texts: string[]) => demoRerank(query, texts)
    const quality = await kb('quality')
    await index(quality.id, 1)
    lines.push(
      `sample documents: ${new Set(pieces.map((p) => p.name)).size}, chunks: ${pieces.length}, questions: ${QUESTIONS.length}`,
    )
    // The last row: hybrid, then the offline demo rerank over its best 20 (kb.retrieve's rerank with no provider).
    for (const [label, mode, rerank] of [
      ['keyword', 'keyword', false],
      ['vector', 'vector', false],
      ['hybrid', 'hybrid', false],
      ['hybrid + demo rerank', 'hybrid', true],
    ] as const) {
      let hits = 0
      const misses: string[] = []
      for (const [question, phrase] of QUESTIONS) {
        const { chunks } = await searchKnowledgeBases(
          { store, embedFor, rerankFor },
          { access, kbIds: [quality.id], query: question, topK: 3, mode, ...(rerank ? { rerank: {} } : {}) },
        )
        if (chunks.some((c) => c.text.includes(phrase) || (c.heading ?? '').includes(phrase))) hits += 1
        else misses.push(question)
      }
      lines.push(
        `recall@3 ${label.padEnd(7)} ${((100 * hits) / QUESTIONS.length).toFixed(1)} % (${hits}/${QUESTIONS.length})${misses.length ? `; missed: ${misses.slice(0, 4).join('，')}${misses.length > 4 ? '…' : ''}` : ''}`,
      )
    }

    const large = await kb('large')
    const copies = Math.ceil(10_000 / pieces.length)
    const { n, seconds } = await index(large.id, copies)
    lines.push(
      `indexing (demo embedding, jieba terms, SQLite writes): ${n} chunks in ${seconds.toFixed(1)} s = ${Math.round(n / seconds)} chunks/s`,
    )
    const queries = async (on: Store, kbId: string, label: string) => {
      for (const mode of ['keyword', 'vector', 'hybrid'] as const) {
        const times: number[] = []
        for (const [question] of QUESTIONS.slice(0, 20)) {
          const started = performance.now()
          await searchKnowledgeBases(
            { store: on, embedFor, rerankFor },
            { access, kbIds: [kbId], query: question, topK: 5, mode },
          )
          times.push(performance.now() - started)
        }
        times.sort((a, b) => a - b)
        lines.push(
          `query at ${n} chunks${label}, ${mode.padEnd(7)}: median ${times[10]?.toFixed(1)} ms, max ${times.at(-1)?.toFixed(1)} ms (20 questions)`,
        )
      }
    }
    await queries(store, large.id, ` (SQLite, ${store.vectorIndex})`)

    // The same 10,000 chunks in PostgreSQL (a throw-away database on 127.0.0.1:5432): no pgvector, an exact scan.
    const db = await createTestDatabase().catch(() => undefined)
    if (!db) lines.push('PostgreSQL: not reachable on 127.0.0.1:5432, skipped')
    else {
      const pgStore = await createPgStore({ url: db.url })
      try {
        const pgUser = await pgStore.createUser({
          email: 'bench@example.com',
          passwordHash: 'x',
          role: 'owner',
        })
        const pgAccess = { userId: pgUser.id, all: true }
        await pgStore.createKnowledgeBase(pgAccess, {
          id: large.id,
          name: 'large',
          embeddingProviderId: null,
          embeddingModel: 'zhiliu-demo-embedding',
          createdAt: Date.now(),
        })
        const pg = await index(large.id, copies, pgStore, pgAccess)
        lines.push(
          `indexing into PostgreSQL: ${pg.n} chunks in ${pg.seconds.toFixed(1)} s = ${Math.round(pg.n / pg.seconds)} chunks/s`,
        )
        await queries(pgStore, large.id, ' (PostgreSQL, exact scan)')
      } finally {
        await pgStore.close()
        await db.drop()
      }
    }
    lines.push('(times from a machine shared with other work; counts and recall are exact)')
  } finally {
    store.close()
    await rm(dir, { recursive: true, force: true })
  }
  return lines
}

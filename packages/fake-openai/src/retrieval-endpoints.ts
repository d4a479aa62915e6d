import type { ServerResponse } from 'node:http'
import { sendInvalidRequest } from './fake-errors.ts'

const DIMENSIONS = 64

/**
 * A vector for a text the way a tiny model might make one: its character pairs hashed into 64 buckets. Deterministic,
 * so texts sharing characters come out close; enough for a test to see which model indexed what.
 */
export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(DIMENSIONS).fill(0)
  const chars = [...text]
  for (let i = 0; i < chars.length; i++) {
    const pair = `${chars[i]}${chars[i + 1] ?? ''}`
    let h = 2166136261
    for (const c of pair) h = Math.imul(h ^ (c.codePointAt(0) ?? 0), 16777619)
    v[(h >>> 0) % DIMENSIONS] = (v[(h >>> 0) % DIMENSIONS] ?? 0) + 1
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1
  return v.map((x) => x / norm)
}

/** `POST /embeddings` as OpenAI answers it (`encoding_format: float`). */
export function sendEmbeddings(res: ServerResponse, body: Record<string, unknown> | undefined): void {
  const input = body?.input
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) ? input : undefined
  if (!texts || typeof body?.model !== 'string' || texts.some((t) => typeof t !== 'string')) {
    sendInvalidRequest(res, 'model and input (a string or strings) are required')
    return
  }
  const data = (texts as string[]).map((text, index) => ({
    object: 'embedding',
    index,
    embedding: fakeEmbedding(text),
  }))
  const tokens = (texts as string[]).reduce((n, t) => n + t.length, 0)
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(
    JSON.stringify({
      object: 'list',
      data,
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    }),
  )
}

/**
 * `POST /rerank` in the shape SiliconFlow and Jina share: each document scored by the share of the query's characters
 * it contains, best first.
 */
export function sendRerank(res: ServerResponse, body: Record<string, unknown> | undefined): void {
  const { query, documents } = body ?? {}
  if (typeof query !== 'string' || !Array.isArray(documents)) {
    sendInvalidRequest(res, 'query and documents are required')
    return
  }
  const wanted = new Set(query)
  const results = documents
    .map((doc, index) => {
      const text = String(doc)
      const hits = [...wanted].filter((c) => text.includes(c)).length
      return { index, relevance_score: wanted.size ? hits / wanted.size : 0 }
    })
    .sort((a, b) => b.relevance_score - a.relevance_score)
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ id: 'rerank-fake', results }))
}

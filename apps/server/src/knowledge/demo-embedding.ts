import { segmentTerms } from './segment-terms.ts'

/** The model id a knowledge base stores when it uses the offline demo embedding. */
export const DEMO_EMBEDDING_MODEL = 'zhiliu-demo-embedding'
export const DEMO_EMBEDDING_LABEL = {
  'zh-CN': '演示向量（离线，按字词相似，不懂语义）',
  en: 'Demo embedding (offline, word overlap, not semantic)',
} as const
const DIMENSIONS = 256

/**
 * A deterministic stand-in for an embedding model, so classes and tests run with no network: the segmenter's words
 * and every pair of adjacent Chinese characters are hashed into 256 signed buckets and the vector is normalised.
 * Texts sharing words and character pairs come out close; it knows no synonyms, which a real model does.
 */
export function demoEmbedding(text: string): Float32Array {
  const vector = new Float32Array(DIMENSIONS)
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature)
    vector[h % DIMENSIONS] = (vector[h % DIMENSIONS] ?? 0) + ((h >>> 16) & 1 ? weight : -weight)
  }
  for (const term of segmentTerms(text)) add(`w:${term}`, 1)
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) add(`b:${run.slice(i, i + 2)}`, 0.5)
  }
  return normalise(vector)
}

export function normalise(vector: Float32Array): Float32Array {
  let sum = 0
  for (const v of vector) sum += v * v
  const norm = Math.sqrt(sum)
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) / norm
  return vector
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

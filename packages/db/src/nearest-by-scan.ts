/** A chunk found by its vector: `score` is the cosine similarity to the query (1 = same direction). */
export interface KbNeighbour {
  chunkId: string
  score: number
}

/**
 * The exact scan every store can fall back to: cosine similarity of each vector of the query's length, best first
 * (ties by chunk id), the first `limit`. A zero vector has no direction and is left out, as sqlite-vec leaves it.
 */
export function nearestByScan(
  query: Float32Array,
  vectors: Iterable<{ chunkId: string; vector: Float32Array }>,
  limit: number,
): KbNeighbour[] {
  const queryNorm = Math.sqrt(dot(query, query))
  if (queryNorm === 0) return []
  const found: KbNeighbour[] = []
  for (const { chunkId, vector } of vectors) {
    if (vector.length !== query.length) continue
    const norm = Math.sqrt(dot(vector, vector))
    if (norm === 0) continue
    found.push({ chunkId, score: dot(vector, query) / (norm * queryNorm) })
  }
  return found
    .sort((x, y) => y.score - x.score || (x.chunkId < y.chunkId ? -1 : 1))
    .slice(0, Math.max(0, limit))
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0)
  return sum
}
